package com.returnsdrawer.webhooks;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.db.MultiRow;
import com.returnsdrawer.shopify.ShopDomain;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static com.returnsdrawer.db.Times.toDb;
import static com.returnsdrawer.db.Placeholders.truncate;

/**
 * The one owner of {@code webhook_deliveries}: every acknowledged delivery, unique by its webhook id, which makes
 * a redelivery or a concurrent duplicate apply once.
 * Hand-written JDBC: one statement per delivery, one multi-row statement per webhook group (W1; docs/performance.md,
 * "Group commit" and "Multi-row statements").
 */
@Singleton
public class DeliveryLog {

    /** What was done with an acknowledged delivery, as recorded. */
    enum Outcome {
        PROCESSED, UNPARSEABLE, UNKNOWN_TOPIC, IGNORED_UNINSTALLED;

        String column() {
            return name().toLowerCase();
        }

        /** The body is kept only when it could not be applied, for inspection; applied ones live on as state. */
        boolean keepsBody() {
            return this == UNPARSEABLE || this == UNKNOWN_TOPIC;
        }
    }

    private static final String INSERT = """
            INSERT INTO webhook_deliveries (webhook_id, shop_domain, topic, event_id, api_version, triggered_at,
              received_at, outcome, body) VALUES""";
    private static final int COLUMNS = 9;

    private final Database database;

    DeliveryLog(Database database) {
        this.database = database;
    }

    /** Records one delivery in the unit's transaction; false when its webhook id was recorded before (a duplicate). */
    boolean record(Connection c, Delivery delivery, Outcome outcome) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MultiRow.values(INSERT, COLUMNS, 1, ""))) {
            bind(ps, 0, delivery, outcome);
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Database.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Records a group's deliveries, all processed, in one multi-row insert; a webhook id recorded before fails
     * the statement (the caller then stores the group one by one).
     */
    void recordAll(Connection c, List<Delivery> deliveries) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MultiRow.values(INSERT, COLUMNS, deliveries.size(), ""))) {
            int offset = 0;
            for (Delivery delivery : deliveries) {
                offset = bind(ps, offset, delivery, Outcome.PROCESSED);
            }
            ps.executeUpdate();
        }
    }

    private static int bind(PreparedStatement ps, int offset, Delivery d, Outcome outcome) throws SQLException {
        int i = offset;
        ps.setString(++i, d.webhookId());
        ps.setString(++i, d.shop().value());
        ps.setString(++i, d.topic());
        ps.setString(++i, truncate(d.eventId(), 128));
        ps.setString(++i, truncate(d.apiVersion(), 16));
        ps.setObject(++i, toDb(d.triggeredAt()));
        ps.setObject(++i, toDb(d.receivedAt()));
        ps.setString(++i, outcome.column());
        ps.setBytes(++i, outcome.keepsBody() ? d.body() : null);
        return i;
    }

    /**
     * Deletes up to {@code limit} records received before {@code cutoff}, in its own short statement so it never
     * holds long locks beside live traffic; returns how many.
     */
    int purgeReceivedBefore(Instant cutoff, int limit) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM webhook_deliveries WHERE received_at < ? LIMIT " + limit)) {
                ps.setObject(1, toDb(cutoff));
                return ps.executeUpdate();
            }
        });
    }

    /**
     * shop/redact: forgets up to {@code limit} deliveries of the shop, except those of {@code keptTopic} (the
     * redaction's own records, which keep a redelivery of it a duplicate), in the caller's short transaction;
     * returns how many.
     */
    public int forgetShopBatch(Connection c, ShopDomain shop, String keptTopic, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM webhook_deliveries WHERE shop_domain = ? AND topic <> ? LIMIT " + limit)) {
            ps.setString(1, shop.value());
            ps.setString(2, keptTopic);
            return ps.executeUpdate();
        }
    }

    /**
     * customers/redact: drops every kept body of the shop that names the customer (their id as a whole number,
     * or one of {@code words}, such as their email, in any case), in the unit's transaction; returns how many.
     * Only unreadable and unknown-topic deliveries keep a body, so this reads the shop's kept bodies through the
     * (shop, outcome) index, never the shop's other deliveries (docs/behaviour.md, "Compliance").
     */
    public int forgetBodiesAbout(Connection c, ShopDomain shop, long customerId, List<String> words) throws SQLException {
        Pattern id = Pattern.compile("(?<![0-9])" + customerId + "(?![0-9])");
        List<String> lowerWords = words.stream().filter(w -> w != null && !w.isBlank())
                .map(w -> w.toLowerCase(Locale.ROOT)).toList();
        List<Long> naming = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, body FROM webhook_deliveries
                WHERE shop_domain = ? AND outcome IN (?, ?) AND body IS NOT NULL""")) {
            ps.setString(1, shop.value());
            ps.setString(2, Outcome.UNPARSEABLE.column());
            ps.setString(3, Outcome.UNKNOWN_TOPIC.column());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String body = new String(rs.getBytes(2), StandardCharsets.UTF_8);
                    String lower = body.toLowerCase(Locale.ROOT);
                    if (id.matcher(body).find() || lowerWords.stream().anyMatch(lower::contains)) {
                        naming.add(rs.getLong(1));
                    }
                }
            }
        }
        if (naming.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE webhook_deliveries SET body = NULL WHERE shop_domain = ? AND id IN ("
                + "?, ".repeat(naming.size() - 1) + "?)")) {
            ps.setString(1, shop.value());
            for (int i = 0; i < naming.size(); i++) {
                ps.setLong(i + 2, naming.get(i));
            }
            return ps.executeUpdate();
        }
    }
}
