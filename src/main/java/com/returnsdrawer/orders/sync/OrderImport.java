package com.returnsdrawer.orders.sync;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;
import java.time.LocalDateTime;

import static com.returnsdrawer.db.Times.fromDb;

/**
 * A shop's row in {@code order_imports} (times in UTC): the import's status and kind, where it resumes (the page
 * cursor of a paged import; the bulk operation and the byte position in its result file of a bulk one), how far back
 * it reaches ({@code since}), the total Shopify counted, and the lease ({@code leaseUntil}, {@code leaseOwner}) of
 * the instance running it.
 */
@MappedEntity("order_imports")
record OrderImport(
        @Id Long shopId,
        @MappedProperty(converter = ImportStatus.Column.class, converterPersistedType = String.class) ImportStatus status,
        @MappedProperty(converter = ImportKind.Column.class, converterPersistedType = String.class) ImportKind kind,
        @Nullable String cursorValue,
        @Nullable String bulkOperationId,
        long filePosition,
        @Nullable Integer totalCount,
        @Nullable LocalDateTime since,
        int importedCount,
        @Nullable LocalDateTime startedAt,
        @Nullable LocalDateTime finishedAt,
        @Nullable LocalDateTime lastSyncedAt,
        @Nullable String error,
        @Nullable LocalDateTime leaseUntil,
        @Nullable String leaseOwner,
        LocalDateTime updatedAt) {

    /** No instance holds the lease: it was never taken, was released, or its holder stopped renewing it. */
    boolean leaseFree(Instant now) {
        return leaseUntil == null || fromDb(leaseUntil).isBefore(now);
    }

    /**
     * An import an instance should pick up once the lease is free: one pending or running, or a first import whose
     * bulk operation failed and which waits for its retry (shown as failed meanwhile).
     */
    boolean toRun() {
        return status.unfinished() || retryingAfterFailure();
    }

    /** A failed bulk import with a retry time set (a failure for good has none). */
    boolean retryingAfterFailure() {
        return status == ImportStatus.FAILED && kind == ImportKind.BULK && leaseUntil != null;
    }

    ImportProgress progress() {
        return new ImportProgress(status, importedCount, totalCount, fromDb(startedAt), fromDb(finishedAt),
                fromDb(lastSyncedAt));
    }
}
