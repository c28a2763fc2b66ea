package com.returnsdrawer.orders;

import java.util.List;

/** An order's line items, fulfillments and Shopify returns (oldest first), as stored. */
@io.micronaut.serde.annotation.Serdeable
public record OrderDetail(List<OrderSnapshot.LineItem> lineItems, List<FulfillmentSnapshot> fulfillments,
                          List<OrderReturn> returns) {

    public static final OrderDetail EMPTY = new OrderDetail(List.of(), List.of(), List.of());
}
