package com.returnsdrawer.orders.sync;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shop.ShopStore;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import static com.returnsdrawer.db.Times.fromDb;

/**
 * Every interval, re-imports each installed shop's orders updated since its last sync, which repairs webhook
 * deliveries that never arrived; a shop with a token but no import yet gets its first import.
 */
@Singleton
class OrderReconciliation {

    private static final Logger LOG = LoggerFactory.getLogger(OrderReconciliation.class);
    /** Reconciliation looks back a little before the last sync: clocks and in-flight writes overlap. */
    static final Duration OVERLAP = Duration.ofMinutes(5);

    private final OrderImporter importer;
    private final OrderImports imports;
    private final ShopStore shops;
    private final ExecutorService executor;
    private final Duration interval;
    private final Clock clock = Clock.systemUTC();

    OrderReconciliation(OrderImporter importer, OrderImports imports, ShopStore shops,
                        @Named("import") ExecutorService executor,
                        @Value("${orders.reconcile-interval:1h}") Duration interval) {
        this.importer = importer;
        this.imports = imports;
        this.shops = shops;
        this.executor = executor;
        this.interval = interval;
    }

    /**
     * The hourly pass runs on the import executor (counted in the connection pool's sizing), never on the scheduler's
     * thread, which the import's polls and retries need meanwhile.
     */
    @Scheduled(fixedDelay = "${orders.reconcile-interval:1h}", initialDelay = "${orders.reconcile-initial-delay:2m}")
    void tick() {
        executor.execute(this::reconcile);
    }

    /** One pass over every installed shop, one after the other, on the calling thread. */
    void reconcile() {
        try {
            for (long shopId : shopsDue()) {
                importer.shop(shopId).ifPresent(importer::run);
            }
        } catch (Database.DatabaseException | DataAccessException e) {
            LOG.warn("reconciliation skipped: {}", e.getMessage());
        }
    }

    /**
     * Sets up the imports this round runs and returns their shop ids: first imports for shops without one (or whose
     * first import failed for good), re-syncs for ended imports whose last sync is an interval old, and imports whose
     * instance stopped renewing the lease or whose retry is due (run as they stand, from their cursor or position).
     */
    List<Long> shopsDue() {
        Instant now = clock.instant();
        Instant syncedBefore = now.minus(interval).plusSeconds(30);
        List<Long> installed = shops.idsInstalledWithToken();
        Map<Long, OrderImport> rows = imports.find(installed);
        List<Long> due = new ArrayList<>();
        for (long shopId : installed) {
            OrderImport row = rows.get(shopId);
            if (row == null) {
                importer.scheduleFirst(shopId);
                due.add(shopId);
            } else if (row.toRun()) {
                if (row.leaseFree(now)) {
                    due.add(shopId);
                }
            } else {
                Instant last = fromDb(row.lastSyncedAt());
                if (last == null) {
                    // The first import failed for good: it is set up again, a new bulk operation.
                    importer.scheduleFirst(shopId);
                    due.add(shopId);
                } else if (last.isBefore(syncedBefore)) {
                    importer.schedule(shopId, last.minus(OVERLAP), false);
                    due.add(shopId);
                }
            }
        }
        return due;
    }
}
