package com.returnsdrawer.orders.sync;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * A shop's import progress as the admin page shows it: {@code totalCount} is what Shopify counted for the first
 * import when it started (null before that, and for imports that do not count).
 */
public record ImportProgress(ImportStatus status, int importedCount, @Nullable Integer totalCount,
                             @Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable Instant lastSyncedAt) {
}
