package com.returnsdrawer.orders;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;

import static com.returnsdrawer.db.Placeholders.truncate;

/**
 * One {@code orders} row as the writer stores it, field for column (the upsert binds them in this order). Text is
 * cut to its column's width here, once.
 */
record OrderRow(
        long pk,
        long shopId,
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
        int itemCount,
        @Nullable String imageUrl,
        DisplayStatus displayStatus,
        @Nullable Instant fulfilledAt,
        @Nullable Instant deliveredAt,
        @Nullable Instant cancelledAt,
        @Nullable Instant createdAt,
        @Nullable Instant shopifyUpdatedAt,
        Instant syncedAt,
        String lineItemsHash) {

    OrderRow {
        name = truncate(name, 128);
        email = truncate(email, 320);
        zip = truncate(zip, 64);
        locale = truncate(locale, 16);
        financialStatus = truncate(financialStatus, 32);
        fulfillmentStatus = truncate(fulfillmentStatus, 32);
        totalPrice = truncate(totalPrice, 32);
        currency = truncate(currency, 8);
    }

    /** The row for an admitted snapshot, given the order's merged fulfillments and its line items' digest. */
    static OrderRow of(long pk, long shopId, OrderSnapshot order, List<FulfillmentSnapshot> fulfillments,
                       String lineItemsHash, Instant now) {
        return new OrderRow(pk, shopId, order.orderId(), order.customerId(), order.name(), order.orderNumber(),
                order.email(), order.zip(), order.locale(), order.financialStatus(), order.fulfillmentStatus(),
                order.totalPrice(), order.currency(), order.itemCount(), OrderMerge.imageUrl(order.lineItems()),
                DisplayStatus.of(order.cancelledAt() != null, order.fulfillmentStatus(), fulfillments),
                OrderMerge.firstFulfilled(fulfillments), OrderMerge.firstDelivered(fulfillments), order.cancelledAt(),
                order.createdAt(), order.updatedAt(), now, lineItemsHash);
    }
}
