package com.returnsdrawer.orders;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * One order as Shopify last described it (from a webhook payload or an Admin API import), reduced to what
 * the drawer and the return links need.
 */
public record OrderSnapshot(
        long orderId,
        @Nullable Long customerId,
        @Nullable String name,
        @Nullable Long orderNumber,
        @Nullable String email,
        @Nullable String zip,
        @Nullable String locale,
        @Nullable String financialStatus,
        @Nullable String fulfillmentStatus,
        @Nullable String totalPrice,
        @Nullable String currency,
        @Nullable Instant createdAt,
        @Nullable Instant updatedAt,
        @Nullable Instant cancelledAt,
        List<LineItem> lineItems,
        List<FulfillmentSnapshot> fulfillments) {

    public OrderSnapshot {
        lineItems = lineItems == null ? List.of() : List.copyOf(lineItems);
        fulfillments = fulfillments == null ? List.of() : List.copyOf(fulfillments);
    }

    @io.micronaut.serde.annotation.Serdeable
    public record LineItem(long lineItemId, String title, @Nullable String variantTitle, int quantity,
                           @Nullable String price, @Nullable Long variantId, @Nullable Long productId,
                           @Nullable String imageUrl) {
    }

    public int itemCount() {
        return lineItems.stream().mapToInt(LineItem::quantity).sum();
    }
}
