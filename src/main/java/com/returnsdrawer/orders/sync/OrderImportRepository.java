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

    @Query("""
            UPDATE order_imports SET status = 'pending', since = :since, cursor_value = NULL, error = NULL,
              updated_at = :now
            WHERE shop_id = :shopId""")
    void restart(long shopId, LocalDateTime since, LocalDateTime now);

    /** As {@link #restart}, and the visible count and times start over too. */
    @Query("""
            UPDATE order_imports SET status = 'pending', since = :since, cursor_value = NULL, error = NULL,
              imported_count = 0, started_at = NULL, finished_at = NULL, updated_at = :now
            WHERE shop_id = :shopId""")
    void restartFromScratch(long shopId, LocalDateTime since, LocalDateTime now);

    /** Takes the lease of a pending or running import whose lease is free; 1 when taken, 0 when not. */
    @Query("""
            UPDATE order_imports SET status = 'running', lease_until = :leaseUntil,
              started_at = COALESCE(started_at, :now), updated_at = :now
            WHERE shop_id = :shopId AND status IN ('pending', 'running')
              AND (lease_until IS NULL OR lease_until < :now)""")
    int claim(long shopId, LocalDateTime now, LocalDateTime leaseUntil);

    /** A page written: its cursor and count, and the lease renewed. */
    @Query("""
            UPDATE order_imports SET cursor_value = :cursor, imported_count = imported_count + :count,
              lease_until = :leaseUntil, updated_at = :now
            WHERE shop_id = :shopId""")
    void recordPage(long shopId, @Nullable String cursor, int count, LocalDateTime leaseUntil, LocalDateTime now);

    @Query("""
            UPDATE order_imports SET status = 'done', error = NULL, lease_until = NULL, cursor_value = NULL,
              finished_at = :now, last_synced_at = :syncedAsOf, updated_at = :now
            WHERE shop_id = :shopId""")
    void markDone(long shopId, LocalDateTime syncedAsOf, LocalDateTime now);

    @Query("""
            UPDATE order_imports SET status = 'failed', error = :error, lease_until = NULL, cursor_value = NULL,
              finished_at = :now, updated_at = :now
            WHERE shop_id = :shopId""")
    void markFailed(long shopId, @Nullable String error, LocalDateTime now);

    /** A failure that may pass (Shopify or the token endpoint unavailable): kept pending, cursor and all, until {@code retryAt}. */
    @Query("""
            UPDATE order_imports SET status = 'pending', error = :error, lease_until = :retryAt, updated_at = :now
            WHERE shop_id = :shopId""")
    void retryLater(long shopId, @Nullable String error, LocalDateTime retryAt, LocalDateTime now);
}
