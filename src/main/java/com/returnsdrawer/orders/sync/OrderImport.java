package com.returnsdrawer.orders.sync;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;
import java.time.LocalDateTime;

import static com.returnsdrawer.db.Times.fromDb;

/**
 * A shop's row in {@code order_imports} (times in UTC): the import's status, the cursor it resumes from, how far
 * back it reaches ({@code since}), and the lease ({@code leaseUntil}) of the instance running it.
 */
@MappedEntity("order_imports")
record OrderImport(
        @Id Long shopId,
        @MappedProperty(converter = ImportStatus.Column.class, converterPersistedType = String.class) ImportStatus status,
        @Nullable String cursorValue,
        @Nullable LocalDateTime since,
        int importedCount,
        @Nullable LocalDateTime startedAt,
        @Nullable LocalDateTime finishedAt,
        @Nullable LocalDateTime lastSyncedAt,
        @Nullable String error,
        @Nullable LocalDateTime leaseUntil,
        LocalDateTime updatedAt) {

    /** No instance holds the lease: it was never taken, was released, or its holder stopped renewing it. */
    boolean leaseFree(Instant now) {
        return leaseUntil == null || fromDb(leaseUntil).isBefore(now);
    }

    ImportProgress progress() {
        return new ImportProgress(status, importedCount, fromDb(startedAt), fromDb(finishedAt), fromDb(lastSyncedAt));
    }
}
