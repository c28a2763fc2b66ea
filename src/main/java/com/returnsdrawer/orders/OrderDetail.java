package com.returnsdrawer.orders;

import java.util.List;

/** An order's line items and fulfillments, as stored. */
@io.micronaut.serde.annotation.Serdeable
public record OrderDetail(List<OrderSnapshot.LineItem> lineItems, List<FulfillmentSnapshot> fulfillments) {

    public static final OrderDetail EMPTY = new OrderDetail(List.of(), List.of());
}
