package com.returnsdrawer.orders.sync;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.returnsdrawer.db.Times.toDb;

/**
 * The one owner of {@code order_imports}: each shop's import status, resume cursor, count and lease. A lease
 * keeps an import to one instance at a time; a crashed instance's lease runs out and another resumes.
 */
@Singleton
public class OrderImports {

    /** How long a claim or a written page holds the lease; a page takes seconds. */
    static final Duration LEASE = Duration.ofMinutes(2);
    private static final int ERROR_LENGTH = 500;
    /** Shop ids per IN list when reading many shops' rows. */
    private static final int BATCH = 500;

    private final OrderImportRepository rows;

    OrderImports(OrderImportRepository rows) {
        this.rows = rows;
    }

    /** The shop's import progress; empty when no import was ever set up for it. */
    public Optional<ImportProgress> progress(long shopId) {
        return rows.findByShopId(shopId).map(OrderImport::progress);
    }

    Optional<OrderImport> find(long shopId) {
        return rows.findByShopId(shopId);
    }

    /** The rows of these shops, by shop id; shops without an import are absent. */
    Map<Long, OrderImport> find(List<Long> shopIds) {
        Map<Long, OrderImport> out = new HashMap<>();
        for (int from = 0; from < shopIds.size(); from += BATCH) {
            for (OrderImport row : rows.findByShopIdIn(shopIds.subList(from, Math.min(shopIds.size(), from + BATCH)))) {
                out.put(row.shopId(), row);
            }
        }
        return out;
    }

    /** Sets up an import from {@code since}; a first import also resets the visible count and times. */
    @Transactional
    void schedule(long shopId, Instant since, boolean first, Instant now) {
        rows.insertPendingIfAbsent(shopId, toDb(since), toDb(now));
        if (first) {
            rows.restartFromScratch(shopId, toDb(since), toDb(now));
        } else {
            rows.restart(shopId, toDb(since), toDb(now));
        }
    }

    /**
     * Takes the lease of the shop's import for {@code owner} when one is due and no other instance holds it; false
     * otherwise.
     */
    boolean claim(long shopId, String owner, Instant now) {
        return rows.claim(shopId, toDb(now), toDb(now.plus(LEASE)), owner) == 1;
    }

    /**
     * Records a written page and renews the lease; called inside the unit that wrote the page's orders, so the page
     * rolls back when {@code owner} has lost the lease.
     */
    void recordPage(long shopId, String owner, String nextCursor, int count, Instant now) {
        requireLease(rows.recordPage(shopId, owner, nextCursor, count, toDb(now.plus(LEASE)), toDb(now)));
    }

    /** Records the bulk operation the import reads and Shopify's total; the count starts over. */
    void recordBulkStart(long shopId, String owner, String operationId, Integer total, Instant now) {
        requireLease(rows.recordBulkStart(shopId, owner, operationId, total, toDb(now.plus(LEASE)), toDb(now)));
    }

    /**
     * Records a written batch of the bulk result (the byte position after it) and renews the lease; called inside
     * the unit that wrote the batch, which rolls back when {@code owner} has lost the lease.
     */
    void recordBatch(long shopId, String owner, long position, int count, Instant now) {
        requireLease(rows.recordBatch(shopId, owner, position, count, toDb(now.plus(LEASE)), toDb(now)));
    }

    /** Gives the lease up while Shopify runs the bulk operation. */
    void release(long shopId, String owner, Instant now) {
        rows.release(shopId, owner, toDb(now));
    }

    /** Ends the import and releases the lease; the next reconciliation reaches back to {@code syncedAsOf}. */
    void markDone(long shopId, String owner, Instant syncedAsOf, Instant now) {
        rows.markDone(shopId, owner, toDb(syncedAsOf), toDb(now));
    }

    /** Keeps the import pending from where it stopped; no instance claims it before {@code retryAt}. */
    void retryLater(long shopId, String error, Instant retryAt, Instant now) {
        rows.retryLater(shopId, shorten(error), toDb(retryAt), toDb(now));
    }

    /** A failure for good: shown as failed, not retried until an import is set up again. */
    void markFailed(long shopId, String error, Instant now) {
        rows.markFailed(shopId, shorten(error), null, toDb(now));
    }

    /** Shown as failed, and claimed again from {@code retryAt} on (a bulk operation Shopify failed or canceled). */
    void markFailedRetrying(long shopId, String error, Instant retryAt, Instant now) {
        rows.markFailed(shopId, shorten(error), toDb(retryAt), toDb(now));
    }

    private static String shorten(String error) {
        return error == null || error.length() <= ERROR_LENGTH ? error : error.substring(0, ERROR_LENGTH);
    }

    private static void requireLease(int updated) {
        if (updated != 1) {
            throw new LeaseLost();
        }
    }

    /** Another instance took the import over (this one's lease ran out): whatever this one was writing rolls back. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("the import's lease passed to another instance", null, false, false);
        }
    }
}
