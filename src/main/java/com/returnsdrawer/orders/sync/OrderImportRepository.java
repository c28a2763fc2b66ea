package com.returnsdrawer.orders.sync;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@code order_imports} by shop. The writes are single conditional statements (insert-if-absent, the lease's
 * compare-and-set, a counter increment), which derived methods cannot say, so they are spelled out.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
interface OrderImportRepository extends GenericRepository<OrderImport, Long> {

    Optional<OrderImport> findByShopId(long shopId);

    List<OrderImport> findByShopIdIn(Collection<Long> shopIds);

    /** Two instances may set up the same shop's first import at once: the second insert is a no-op. */
    @Query("""
            INSERT IGNORE INTO order_imports (shop_id, status, since, updated_at)
            VALUES (:shopId, 'pending', :since, :now)""")
    void insertPendingIfAbsent(long shopId, LocalDateTime since, LocalDateTime now);

    /** A paged import (reconciliation) of the orders updated since {@code since}. */
    @Query("""
            UPDATE order_imports SET status = 'pending', kind = 'paged', since = :since, cursor_value = NULL, error = NULL,
              bulk_operation_id = NULL, file_position = 0, updated_at = :now
            WHERE shop_id = :shopId""")
    void restart(long shopId, LocalDateTime since, LocalDateTime now);

    /** A first import (a bulk operation over the orders created since {@code since}): the visible count, total and times start over. */
    @Query("""
            UPDATE order_imports SET status = 'pending', kind = 'bulk', since = :since, cursor_value = NULL, error = NULL,
              bulk_operation_id = NULL, file_position = 0, total_count = NULL,
              imported_count = 0, started_at = NULL, finished_at = NULL, updated_at = :now
            WHERE shop_id = :shopId""")
    void restartFromScratch(long shopId, LocalDateTime since, LocalDateTime now);

    /**
     * Takes the lease, for {@code owner}, of a pending or running import, or of a failed bulk import due for its retry,
     * whose lease is free; 1 when taken, 0 when not.
     */
    @Query("""
            UPDATE order_imports SET status = 'running', lease_until = :leaseUntil, lease_owner = :owner,
              started_at = COALESCE(started_at, :now), updated_at = :now
            WHERE shop_id = :shopId AND (lease_until IS NULL OR lease_until < :now)
              AND (status IN ('pending', 'running') OR (status = 'failed' AND kind = 'bulk' AND lease_until IS NOT NULL))""")
    int claim(long shopId, LocalDateTime now, LocalDateTime leaseUntil, String owner);

    /** A page written: its cursor and count, and the lease renewed; 0 when {@code owner} no longer holds the lease. */
    @Query("""
            UPDATE order_imports SET cursor_value = :cursor, imported_count = imported_count + :count,
              lease_until = :leaseUntil, updated_at = :now
            WHERE shop_id = :shopId AND lease_owner = :owner""")
    int recordPage(long shopId, String owner, @Nullable String cursor, int count, LocalDateTime leaseUntil, LocalDateTime now);

    /** A bulk operation started (or adopted): its id and Shopify's total; the count starts over. */
    @Query("""
            UPDATE order_imports SET bulk_operation_id = :operationId, total_count = :total, file_position = 0,
              imported_count = 0, lease_until = :leaseUntil, updated_at = :now
            WHERE shop_id = :shopId AND lease_owner = :owner""")
    int recordBulkStart(long shopId, String owner, String operationId, @Nullable Integer total, LocalDateTime leaseUntil,
                        LocalDateTime now);

    /** A batch of the result file written: the byte position after it, its count, the lease renewed; 0 when the lease is lost. */
    @Query("""
            UPDATE order_imports SET file_position = :position, imported_count = imported_count + :count,
              lease_until = :leaseUntil, updated_at = :now
            WHERE shop_id = :shopId AND lease_owner = :owner""")
    int recordBatch(long shopId, String owner, long position, int count, LocalDateTime leaseUntil, LocalDateTime now);

    /** While Shopify runs the operation no instance holds the lease: the finish webhook or a poll, on any instance, takes it. */
    @Query("""
            UPDATE order_imports SET lease_until = NULL, lease_owner = NULL, updated_at = :now
            WHERE shop_id = :shopId AND lease_owner = :owner""")
    void release(long shopId, String owner, LocalDateTime now);

    @Query("""
            UPDATE order_imports SET status = 'done', error = NULL, lease_until = NULL, lease_owner = NULL, cursor_value = NULL,
              bulk_operation_id = NULL, file_position = 0, finished_at = :now, last_synced_at = :syncedAsOf, updated_at = :now
            WHERE shop_id = :shopId AND lease_owner = :owner""")
    void markDone(long shopId, String owner, LocalDateTime syncedAsOf, LocalDateTime now);

    /** Failed; with {@code retryAt} (a bulk import) it is claimed again from then on, shown as failed meanwhile. */
    @Query("""
            UPDATE order_imports SET status = 'failed', error = :error, lease_until = :retryAt, lease_owner = NULL,
              cursor_value = NULL, bulk_operation_id = NULL, file_position = 0, finished_at = :now, updated_at = :now
            WHERE shop_id = :shopId""")
    void markFailed(long shopId, @Nullable String error, @Nullable LocalDateTime retryAt, LocalDateTime now);

    /**
     * A failure that may pass (Shopify or the token endpoint unavailable): kept pending, cursor, operation and position
     * and all, until {@code retryAt}.
     */
    @Query("""
            UPDATE order_imports SET status = 'pending', error = :error, lease_until = :retryAt, lease_owner = NULL,
              updated_at = :now
            WHERE shop_id = :shopId""")
    void retryLater(long shopId, @Nullable String error, LocalDateTime retryAt, LocalDateTime now);
}
