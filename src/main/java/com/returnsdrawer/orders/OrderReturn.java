package com.returnsdrawer.orders;

import io.micronaut.serde.annotation.Serdeable;

/** One return of an order, as stored: Shopify's return id and its status. */
@Serdeable
public record OrderReturn(long returnId, ReturnStatus status) {
}
