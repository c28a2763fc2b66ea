package com.returnsdrawer.orders.sync;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** A shop's import progress as the admin page shows it. */
public record ImportProgress(ImportStatus status, int importedCount, @Nullable Instant startedAt,
                             @Nullable Instant finishedAt, @Nullable Instant lastSyncedAt) {
}
