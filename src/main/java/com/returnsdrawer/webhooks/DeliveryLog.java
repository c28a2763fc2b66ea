package com.returnsdrawer.webhooks;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.db.MultiRow;
import com.returnsdrawer.shopify.ShopDomain;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

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
     * shop/redact: forgets every delivery of the shop except {@code keptWebhookId} (the redaction's own record,
     * which keeps a redelivery of it a duplicate), in the unit's transaction.
     */
    public void forgetShop(Connection c, ShopDomain shop, String keptWebhookId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM webhook_deliveries WHERE shop_domain = ? AND webhook_id <> ?")) {
            ps.setString(1, shop.value());
            ps.setString(2, keptWebhookId);
            ps.executeUpdate();
        }
    }
}
