package com.returnsdrawer.install;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.orders.OrderSnapshot;
import com.returnsdrawer.orders.OrderWriter;
import com.returnsdrawer.shop.Shop;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.shopify.AdminApiClient;
import com.returnsdrawer.shopify.ShopDomain;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import static com.returnsdrawer.db.Times.fromDb;
import static com.returnsdrawer.db.Times.toDb;

/**
 * Imports a shop's orders through the GraphQL Admin API into the tables the webhooks fill: after install (the
 * last 60 days, which {@code read_orders} reaches) and periodically (orders updated since the last sync, to
 * repair lost deliveries). Each page, its cursor and the count commit together, so an import interrupted by
 * a crash resumes where it stopped; a lease keeps it to one instance at a time. The writer's
 * {@code updated_at} rule means an import never overwrites newer state from a webhook.
 */
@Singleton
public class OrderImporter implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(OrderImporter.class);
    static final Duration LEASE = Duration.ofMinutes(2);
    static final Duration FIRST_IMPORT_REACH = Duration.ofDays(60);
    /** Reconciliation looks back a little before the last sync: clocks and in-flight writes overlap. */
    static final Duration OVERLAP = Duration.ofMinutes(5);

    private final Database database;
    private final ShopStore shops;
    private final OrderWriter writer;
    private final AdminApiClient api;
    private final ExecutorService executor;
    private final Duration interval;
    private final Clock clock = Clock.systemUTC();

    OrderImporter(Database database, ShopStore shops, OrderWriter writer, AdminApiClient api,
                  @Named("import") ExecutorService executor,
                  @Value("${orders.reconcile-interval:1h}") Duration interval) {
        this.database = database;
        this.shops = shops;
        this.writer = writer;
        this.api = api;
        this.executor = executor;
        this.interval = interval;
    }

    /** Import progress as the admin page shows it. */
    public record Progress(String status, int importedCount, Instant startedAt, Instant finishedAt, Instant lastSyncedAt) {
    }

    @EventListener
    void onInstalled(ShopInstalled event) {
        shops.find(event.shop()).ifPresent(shop -> {
            schedule(shop.id(), clock.instant().minus(FIRST_IMPORT_REACH), true);
            executor.execute(() -> run(shop));
        });
    }

    /** Resumes imports an earlier process left unfinished (crash, restart). */
    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        executor.execute(this::resumeUnfinished);
    }

    /** Every interval: each installed shop's orders updated since its last sync. */
    @Scheduled(fixedDelay = "${orders.reconcile-interval:1h}", initialDelay = "${orders.reconcile-initial-delay:2m}")
    void reconcile() {
        try {
            for (long shopId : shopsDueForReconciliation()) {
                database.withConnection(c -> shopDomain(c, shopId)).ifPresent(domain ->
                        shops.find(domain).ifPresent(this::run));
            }
        } catch (Database.DatabaseException e) {
            LOG.warn("reconciliation skipped: {}", e.getMessage());
        }
    }

    void resumeUnfinished() {
        try {
            List<Long> unfinished = database.withConnection(c -> ids(c,
                    "SELECT shop_id FROM order_imports WHERE status IN ('pending', 'running') AND (lease_until IS NULL OR lease_until < ?)",
                    toDb(clock.instant())));
            for (long shopId : unfinished) {
                database.withConnection(c -> shopDomain(c, shopId)).ifPresent(domain -> shops.find(domain).ifPresent(this::run));
            }
        } catch (Database.DatabaseException e) {
            LOG.warn("could not resume imports: {}", e.getMessage());
        }
    }

    List<Long> shopsDueForReconciliation() {
        Instant now = clock.instant();
        return database.withConnection(c -> {
            // Shops with a token and no import row yet get a first import; others re-sync from the last sync.
            List<Long> missing = ids(c, """
                    SELECT s.id FROM shops s LEFT JOIN order_imports i ON i.shop_id = s.id
                    WHERE s.installed = TRUE AND s.access_token IS NOT NULL AND i.shop_id IS NULL""");
            for (long id : missing) {
                schedule(c, id, now.minus(FIRST_IMPORT_REACH), true, now);
            }
            List<Long> due = ids(c, """
                    SELECT i.shop_id FROM order_imports i JOIN shops s ON s.id = i.shop_id
                    WHERE s.installed = TRUE AND s.access_token IS NOT NULL
                      AND (i.status IN ('done', 'failed') AND (i.last_synced_at IS NULL OR i.last_synced_at < ?)
                           OR i.status IN ('pending', 'running') AND (i.lease_until IS NULL OR i.lease_until < ?))""",
                    toDb(now.minus(interval).plusSeconds(30)), toDb(now));
            for (long id : due) {
                Map<String, Object> row = importRow(c, id);
                if ("done".equals(row.get("status")) || "failed".equals(row.get("status"))) {
                    Instant last = (Instant) row.get("last_synced_at");
                    Instant since = last == null ? now.minus(FIRST_IMPORT_REACH) : last.minus(OVERLAP);
                    schedule(c, id, since, false, now);
                }
            }
            return due.isEmpty() && missing.isEmpty() ? List.<Long>of() : merge(missing, due);
        });
    }

    /** Sets up an import from {@code since}; a first import also resets the visible count. */
    void schedule(long shopId, Instant since, boolean first) {
        Instant now = clock.instant();
        database.inTransaction(c -> {
            schedule(c, shopId, since, first, now);
            return null;
        });
    }

    private static void schedule(Connection c, long shopId, Instant since, boolean first, Instant now) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT IGNORE INTO order_imports (shop_id, status, since, updated_at) VALUES (?, 'pending', ?, ?)")) {
            ins.setLong(1, shopId);
            ins.setObject(2, toDb(since));
            ins.setObject(3, toDb(now));
            ins.executeUpdate();
        }
        try (PreparedStatement up = c.prepareStatement("UPDATE order_imports SET status = 'pending', since = ?, cursor_value = NULL,"
                + " error = NULL, updated_at = ?" + (first ? ", imported_count = 0, started_at = NULL, finished_at = NULL" : "")
                + " WHERE shop_id = ?")) {
            up.setObject(1, toDb(since));
            up.setObject(2, toDb(now));
            up.setLong(3, shopId);
            up.executeUpdate();
        }
    }

    /** Runs (or resumes) the shop's pending import, if no other instance holds its lease. */
    public void run(Shop shop) {
        Instant started = clock.instant();
        if (!claim(shop.id(), started)) {
            return;
        }
        ShopDomain domain = shop.domain();
        try {
            Map<String, Object> row = database.withConnection(c -> importRow(c, shop.id()));
            String cursor = (String) row.get("cursor_value");
            Instant since = (Instant) row.get("since");
            String filter = since == null ? null
                    : "updated_at:>'" + DateTimeFormatter.ISO_INSTANT.format(since.truncatedTo(ChronoUnit.SECONDS)) + "'";
            boolean more = true;
            while (more) {
                Map<String, Object> variables = new HashMap<>();
                variables.put("first", GraphqlOrders.PAGE_SIZE);
                variables.put("after", cursor);
                variables.put("query", filter);
                GraphqlOrders.Data page = api.query(domain, GraphqlOrders.QUERY, variables, GraphqlOrders.Data.class);
                String nextCursor = page.orders().pageInfo().endCursor();
                more = page.orders().pageInfo().hasNextPage() && nextCursor != null;
                int count = page.orders().nodes().size();
                Instant now = clock.instant();
                List<OrderSnapshot> snapshots = page.orders().nodes().stream().map(GraphqlOrders::toSnapshot).toList();
                database.inTransaction(c -> {
                    writer.applyAll(c, shop.id(), snapshots, now);
                    try (PreparedStatement ps = c.prepareStatement("""
                            UPDATE order_imports SET cursor_value = ?, imported_count = imported_count + ?, lease_until = ?,
                              updated_at = ? WHERE shop_id = ?""")) {
                        ps.setString(1, nextCursor);
                        ps.setInt(2, count);
                        ps.setObject(3, toDb(now.plus(LEASE)));
                        ps.setObject(4, toDb(now));
                        ps.setLong(5, shop.id());
                        ps.executeUpdate();
                    }
                    return null;
                });
                cursor = nextCursor;
            }
            finish(shop.id(), "done", null, started);
            LOG.info("order import for {} finished", domain);
        } catch (AdminApiClient.AdminApiException e) {
            finish(shop.id(), "failed", e.getMessage(), null);
            LOG.warn("order import for {} failed: {}", domain, e.getMessage());
        } catch (RuntimeException e) {
            finish(shop.id(), "failed", e.getClass().getSimpleName(), null);
            LOG.error("order import for {} failed", domain, e);
        }
    }

    private boolean claim(long shopId, Instant now) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE order_imports SET status = 'running', lease_until = ?, started_at = COALESCE(started_at, ?),
                      updated_at = ? WHERE shop_id = ? AND status IN ('pending', 'running')
                      AND (lease_until IS NULL OR lease_until < ?)""")) {
                ps.setObject(1, toDb(now.plus(LEASE)));
                ps.setObject(2, toDb(now));
                ps.setObject(3, toDb(now));
                ps.setLong(4, shopId);
                ps.setObject(5, toDb(now));
                return ps.executeUpdate() == 1;
            }
        });
    }

    private void finish(long shopId, String status, String error, Instant syncedAsOf) {
        Instant now = clock.instant();
        database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE order_imports SET status = ?, error = ?, lease_until = NULL, cursor_value = NULL,
                      finished_at = ?, last_synced_at = COALESCE(?, last_synced_at), updated_at = ? WHERE shop_id = ?""")) {
                ps.setString(1, status);
                ps.setString(2, error == null ? null : error.length() > 500 ? error.substring(0, 500) : error);
                ps.setObject(3, toDb(now));
                ps.setObject(4, toDb(syncedAsOf));
                ps.setObject(5, toDb(now));
                ps.setLong(6, shopId);
                return ps.executeUpdate();
            }
        });
    }

    public java.util.Optional<Progress> progress(long shopId) {
        return database.withConnection(c -> {
            Map<String, Object> row = importRow(c, shopId);
            if (row.isEmpty()) {
                return java.util.Optional.<Progress>empty();
            }
            return java.util.Optional.of(new Progress((String) row.get("status"), (Integer) row.get("imported_count"),
                    (Instant) row.get("started_at"), (Instant) row.get("finished_at"), (Instant) row.get("last_synced_at")));
        });
    }

    private static Map<String, Object> importRow(Connection c, long shopId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT status, cursor_value, since, imported_count, started_at, finished_at, last_synced_at
                FROM order_imports WHERE shop_id = ?""")) {
            ps.setLong(1, shopId);
            try (ResultSet rs = ps.executeQuery()) {
                Map<String, Object> row = new HashMap<>();
                if (rs.next()) {
                    row.put("status", rs.getString(1));
                    row.put("cursor_value", rs.getString(2));
                    row.put("since", fromDb(rs.getObject(3, LocalDateTime.class)));
                    row.put("imported_count", rs.getInt(4));
                    row.put("started_at", fromDb(rs.getObject(5, LocalDateTime.class)));
                    row.put("finished_at", fromDb(rs.getObject(6, LocalDateTime.class)));
                    row.put("last_synced_at", fromDb(rs.getObject(7, LocalDateTime.class)));
                }
                return row;
            }
        }
    }

    private static java.util.Optional<ShopDomain> shopDomain(Connection c, long shopId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT domain FROM shops WHERE id = ?")) {
            ps.setLong(1, shopId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? ShopDomain.parse(rs.getString(1)) : java.util.Optional.empty();
            }
        }
    }

    private static List<Long> ids(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    private static List<Long> merge(List<Long> a, List<Long> b) {
        List<Long> out = new ArrayList<>(a);
        for (Long id : b) {
            if (!out.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }
}
