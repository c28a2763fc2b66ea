package com.returnsdrawer.orders;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** One row of a customer's order list: everything the list shows, with no joins. */
public record OrderSummary(
        long pk,
        long orderId,
        @Nullable String name,
        @Nullable Long orderNumber,
        @Nullable Instant createdAt,
        DisplayStatus displayStatus,
        @Nullable String financialStatus,
        @Nullable String fulfillmentStatus,
        @Nullable Instant cancelledAt,
        @Nullable String totalPrice,
        @Nullable String currency,
        int itemCount,
        @Nullable String imageUrl,
        @Nullable Instant fulfilledAt,
        @Nullable Instant deliveredAt,
        @Nullable String email,
        @Nullable String zip,
        @Nullable String locale) {

    public ReturnEligibility.Facts facts() {
        return new ReturnEligibility.Facts(cancelledAt, financialStatus, fulfilledAt, deliveredAt);
    }
}
