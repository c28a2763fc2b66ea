package com.returnsdrawer.orders;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One fulfillment as Shopify last described it. {@code deliveredAt} is known only from the Admin API
 * ({@code deliveredAt}); from webhooks the store takes the {@code updatedAt} of the first payload that shows
 * the fulfillment delivered.
 */
@Serdeable
public record FulfillmentSnapshot(
        long fulfillmentId,
        long orderId,
        @Nullable String status,
        @Nullable String shipmentStatus,
        List<Tracking> tracking,
        @Nullable Instant createdAt,
        @Nullable Instant updatedAt,
        @Nullable Instant deliveredAt) {

    public FulfillmentSnapshot {
        status = lower(status);
        shipmentStatus = lower(shipmentStatus);
        tracking = tracking == null ? List.of() : List.copyOf(tracking);
    }

    @Serdeable
    public record Tracking(@Nullable String company, @Nullable String number, @Nullable String url) {
    }

    public boolean successful() {
        return "success".equals(status);
    }

    FulfillmentSnapshot withDeliveredAt(Instant at) {
        return new FulfillmentSnapshot(fulfillmentId, orderId, status, shipmentStatus, tracking, createdAt, updatedAt, at);
    }

    boolean delivered() {
        return "delivered".equals(shipmentStatus);
    }

    private static String lower(String value) {
        return value == null || value.isBlank() ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}
