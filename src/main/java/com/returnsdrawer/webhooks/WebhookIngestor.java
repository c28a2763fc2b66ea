package com.returnsdrawer.webhooks;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.db.GroupCommit;
import com.returnsdrawer.db.MultiRow;
import com.returnsdrawer.shop.Shop;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.WebhookDelivery;
import com.returnsdrawer.shopify.WebhookHandler;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import static com.returnsdrawer.db.Times.toDb;

/**
 * Verify → record the delivery id (unique key) → apply → commit, then acknowledge. The delivery record and its
 * effect commit in one transaction, so an acknowledged delivery is never lost, and the unique key makes a
 * redelivery, or the same delivery reaching two instances at once, apply exactly once.
 */
@Singleton
class WebhookIngestor {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookIngestor.class);

    enum Result { ACCEPTED, DUPLICATE, UNAUTHORIZED, BAD_REQUEST }

    /** What was done with an acknowledged delivery, as recorded. */
    enum Outcome {
        PROCESSED, UNPARSEABLE, UNKNOWN_TOPIC, IGNORED_UNINSTALLED;

        String column() {
            return name().toLowerCase();
        }
    }

    /** A verified delivery, read and ready to store. */
    private record Unit(String webhookId, ShopDomain domain, String topic, WebhookHeaders headers, Instant triggeredAt,
                        Instant receivedAt, WebhookHandler<?> handler, Parsed<?> parsed, byte[] body) {

        boolean groupable() {
            return handler != null && !parsed.failed() && handler.groupCommit();
        }
    }

    private final WebhookVerifier verifier;
    private final Database database;
    private final ShopStore shops;
    private final Map<String, WebhookHandler<?>> handlers = new HashMap<>();
    private final GroupCommit<Unit, Result> groups;
    private final AtomicLong committedTogether = new AtomicLong();

    WebhookIngestor(WebhookVerifier verifier, Database database, ShopStore shops, List<WebhookHandler<?>> handlers,
                    @Value("${webhooks.group-commit.writers:4}") int writers,
                    @Value("${webhooks.group-commit.max-group:32}") int maxGroup) {
        this.verifier = verifier;
        this.database = database;
        this.shops = shops;
        for (WebhookHandler<?> handler : handlers) {
            for (String topic : handler.topics()) {
                WebhookHandler<?> previous = this.handlers.put(topic, handler);
                if (previous != null) {
                    throw new IllegalStateException("two handlers for " + topic);
                }
            }
        }
        this.groups = new GroupCommit<>("webhook-writer", writers, maxGroup, this::writeGroup);
    }

    /** The group commit, for tests: how many deliveries wait for a writer. */
    GroupCommit<?, ?> groupCommit() {
        return groups;
    }

    /** Deliveries committed as part of a group of two or more, for tests. */
    long committedTogether() {
        return committedTogether.get();
    }

    /**
     * Lets the writers commit what is queued (for up to 10 s); whatever is still queued then is stored one by one
     * on the closing thread, so an accepted delivery is answered before the database goes away.
     */
    @PreDestroy
    void close() {
        groups.close();
    }

    /**
     * Verifies, reads and stores one delivery. The future completes once the delivery is committed (or found to
     * be a duplicate); it fails with {@link Database.DatabaseException} when it could not be stored.
     */
    CompletableFuture<Result> ingest(WebhookHeaders headers, byte[] body) {
        if (!verifier.verify(body, headers.hmac())) {
            LOG.info("webhook rejected: signature does not verify (topic {}). Webhooks created by hand in the store "
                    + "admin are signed with the store's own key, not the app's secret.", printable(headers.topic()));
            return CompletableFuture.completedFuture(Result.UNAUTHORIZED);
        }
        var domain = ShopDomain.parse(headers.shopDomain());
        if (headers.topic() == null || domain.isEmpty() || headers.topic().length() > 64) {
            return CompletableFuture.completedFuture(Result.BAD_REQUEST);
        }
        String topic = headers.topic().toLowerCase();
        Instant now = Instant.now();
        Instant triggeredAt = parseTime(headers.triggeredAt(), now);
        String webhookId = headers.webhookId() != null && headers.webhookId().length() <= 128
                ? headers.webhookId() : contentId(topic, domain.get(), body);
        WebhookHandler<?> handler = handlers.get(topic);
        Parsed<?> parsed = handler == null ? null : parse(handler, body);
        Unit unit = new Unit(webhookId, domain.get(), topic, headers, triggeredAt, now, handler, parsed, body);
        if (unit.groupable()) {
            return groups.submit(unit).exceptionallyCompose(e -> e instanceof RejectedExecutionException
                    ? storeNow(unit) : CompletableFuture.failedFuture(e));
        }
        return storeNow(unit);
    }

    private CompletableFuture<Result> storeNow(Unit unit) {
        try {
            return CompletableFuture.completedFuture(storeOne(unit));
        } catch (Database.DatabaseException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** One delivery in its own transaction. */
    private Result storeOne(Unit u) {
        boolean stored = database.inTransaction(c -> {
            Shop shop = shops.findOrCreate(c, u.domain(), u.receivedAt());
            Outcome outcome;
            if (u.handler() == null) {
                outcome = Outcome.UNKNOWN_TOPIC;
            } else if (u.parsed().failed()) {
                outcome = Outcome.UNPARSEABLE;
            } else if (!shop.installed() && !u.handler().appliesAfterUninstall()
                    && !triggeredAfter(u.triggeredAt(), shop.uninstalledAt())) {
                outcome = Outcome.IGNORED_UNINSTALLED;
            } else {
                outcome = Outcome.PROCESSED;
            }
            if (!record(c, u, outcome)) {
                return false;
            }
            if (outcome == Outcome.PROCESSED) {
                if (!shop.installed() && !u.handler().appliesAfterUninstall()) {
                    // Triggered after the uninstall: the app was installed again.
                    shops.markInstalled(c, shop.id(), u.triggeredAt());
                }
                u.parsed().applyTo(c, delivery(shop, u));
            }
            LOG.debug("webhook {} {} {}: {}", u.domain(), u.topic(), u.webhookId(), outcome.column());
            return true;
        });
        if (!stored) {
            LOG.debug("webhook {} {} {}: duplicate", u.domain(), u.topic(), u.webhookId());
            return Result.DUPLICATE;
        }
        return Result.ACCEPTED;
    }

    /**
     * Commits a group of deliveries in one transaction: their records in one multi-row insert, their effects
     * through each handler's {@link WebhookHandler#applyAll}. Whatever the group cannot decide on its own is
     * stored one by one afterwards, exactly as a lone delivery: a webhook id seen twice in the group, a shop that
     * is not installed, and every delivery of a group that failed (a duplicate among them, say), so one bad
     * delivery never costs the others theirs. A lost database fails the whole group at once (503, retried).
     */
    private void writeGroup(List<GroupCommit.Pending<Unit, Result>> group) {
        List<GroupCommit.Pending<Unit, Result>> together = new ArrayList<>(group.size());
        List<GroupCommit.Pending<Unit, Result>> alone = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (GroupCommit.Pending<Unit, Result> pending : group) {
            (ids.add(pending.unit().webhookId()) ? together : alone).add(pending);
        }
        if (together.size() > 1) {
            try {
                Set<GroupCommit.Pending<Unit, Result>> leftOut = database.inTransaction(c -> storeGroup(c, together));
                for (GroupCommit.Pending<Unit, Result> pending : together) {
                    if (leftOut.contains(pending)) {
                        alone.add(pending);
                    } else {
                        committedTogether.incrementAndGet();
                        pending.complete(Result.ACCEPTED);
                    }
                }
            } catch (Database.DatabaseException e) {
                if (e.unavailable()) {
                    group.forEach(pending -> pending.fail(e));
                    return;
                }
                LOG.info("a group of {} webhooks was not committed ({}); storing them one by one", together.size(),
                        e.getMessage());
                alone.addAll(together);
            }
        } else {
            alone.addAll(together);
        }
        alone.sort(Comparator.comparingInt(group::indexOf));
        for (GroupCommit.Pending<Unit, Result> pending : alone) {
            try {
                pending.complete(storeOne(pending.unit()));
            } catch (Database.DatabaseException e) {
                pending.fail(e);
                if (e.unavailable()) {
                    alone.forEach(other -> other.fail(e));
                    return;
                }
            }
        }
    }

    /** Stores the group's deliveries for installed shops; returns the others, to be stored one by one. */
    private Set<GroupCommit.Pending<Unit, Result>> storeGroup(Connection c, List<GroupCommit.Pending<Unit, Result>> group)
            throws SQLException {
        Map<ShopDomain, Shop> shopsByDomain = new HashMap<>();
        Set<GroupCommit.Pending<Unit, Result>> leftOut = new HashSet<>();
        List<Unit> units = new ArrayList<>(group.size());
        List<WebhookDelivery> deliveries = new ArrayList<>(group.size());
        for (GroupCommit.Pending<Unit, Result> pending : group) {
            Unit u = pending.unit();
            Shop shop = shopsByDomain.get(u.domain());
            if (shop == null) {
                shop = shops.findOrCreate(c, u.domain(), u.receivedAt());
                shopsByDomain.put(u.domain(), shop);
            }
            if (shop.installed()) {
                units.add(u);
                deliveries.add(delivery(shop, u));
            } else {
                leftOut.add(pending);
            }
        }
        if (units.isEmpty()) {
            return leftOut;
        }
        recordAll(c, units);
        // One applyAll per handler, handlers in order of first appearance.
        Map<WebhookHandler<?>, List<Integer>> byHandler = new LinkedHashMap<>();
        for (int i = 0; i < units.size(); i++) {
            byHandler.computeIfAbsent(units.get(i).handler(), h -> new ArrayList<>()).add(i);
        }
        for (List<Integer> indexes : byHandler.values()) {
            List<Parsed<?>> parsed = new ArrayList<>(indexes.size());
            List<WebhookDelivery> of = new ArrayList<>(indexes.size());
            for (int i : indexes) {
                parsed.add(units.get(i).parsed());
                of.add(deliveries.get(i));
            }
            Parsed.applyAll(c, parsed, of);
        }
        return leftOut;
    }

    private static WebhookDelivery delivery(Shop shop, Unit u) {
        return new WebhookDelivery(shop.id(), shop.domain(), u.topic(), u.webhookId(), u.triggeredAt(), u.receivedAt());
    }

    /** The group's delivery records, all processed, in one multi-row insert. */
    private static void recordAll(Connection c, List<Unit> units) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MultiRow.values(INSERT_DELIVERY, DELIVERY_COLUMNS, units.size(), ""))) {
            int offset = 0;
            for (Unit u : units) {
                offset = bindDelivery(ps, offset, u, Outcome.PROCESSED);
            }
            ps.executeUpdate();
        }
    }

    private static final String INSERT_DELIVERY = """
            INSERT INTO webhook_deliveries (webhook_id, shop_domain, topic, event_id, api_version, triggered_at,
              received_at, outcome, body) VALUES""";
    private static final int DELIVERY_COLUMNS = 9;

    /** Inserts the delivery record; false when this delivery id was recorded before (a duplicate). */
    private static boolean record(Connection c, Unit u, Outcome outcome) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MultiRow.values(INSERT_DELIVERY, DELIVERY_COLUMNS, 1, ""))) {
            bindDelivery(ps, 0, u, outcome);
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Database.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Binds one delivery record after {@code offset} parameters; returns the new offset. */
    private static int bindDelivery(PreparedStatement ps, int offset, Unit u, Outcome outcome) throws SQLException {
        int i = offset;
        ps.setString(++i, u.webhookId());
        ps.setString(++i, u.domain().value());
        ps.setString(++i, u.topic());
        ps.setString(++i, truncate(u.headers().eventId(), 128));
        ps.setString(++i, truncate(u.headers().apiVersion(), 16));
        ps.setObject(++i, toDb(u.triggeredAt()));
        ps.setObject(++i, toDb(u.receivedAt()));
        ps.setString(++i, outcome.column());
        // Kept only when it could not be applied, for inspection; applied payloads live on as order state.
        ps.setBytes(++i, outcome == Outcome.UNPARSEABLE || outcome == Outcome.UNKNOWN_TOPIC ? u.body() : null);
        return i;
    }

    private static boolean triggeredAfter(Instant triggeredAt, Instant uninstalledAt) {
        return uninstalledAt != null && triggeredAt.isAfter(uninstalledAt);
    }

    private record Parsed<T>(WebhookHandler<T> handler, T payload, boolean failed) {
        void applyTo(Connection c, WebhookDelivery delivery) throws SQLException {
            handler.apply(c, delivery, payload);
        }

        /** Applies payloads that all come from one handler, in one {@link WebhookHandler#applyAll}. */
        @SuppressWarnings("unchecked")
        static <T> void applyAll(Connection c, List<Parsed<?>> parsed, List<WebhookDelivery> deliveries)
                throws SQLException {
            WebhookHandler<T> handler = (WebhookHandler<T>) parsed.get(0).handler();
            List<T> payloads = new ArrayList<>(parsed.size());
            for (Parsed<?> p : parsed) {
                payloads.add(((Parsed<T>) p).payload());
            }
            handler.applyAll(c, deliveries, payloads);
        }
    }

    private static <T> Parsed<T> parse(WebhookHandler<T> handler, byte[] body) {
        try {
            return new Parsed<>(handler, handler.parse(body), false);
        } catch (Exception e) {
            LOG.info("webhook payload could not be read ({}); kept for inspection", e.getClass().getSimpleName());
            return new Parsed<>(handler, null, true);
        }
    }

    private static Instant parseTime(String value, Instant fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e2) {
                return fallback;
            }
        }
    }

    /** Without a delivery id, the content names the delivery: an exact redelivery is still applied once. */
    private static String contentId(String topic, ShopDomain shop, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((topic + "\n" + shop.value() + "\n").getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** A header value safe for a log line: short, printable ASCII only. */
    private static String printable(String value) {
        if (value == null) {
            return "-";
        }
        String cleaned = value.replaceAll("[^A-Za-z0-9/_.-]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }
}
