package com.returnsdrawer.returns;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDateTime;

/** A {@code return_clicks} row: one "Start a return" click that was redirected to the provider. */
@MappedEntity("return_clicks")
record ReturnClick(@Id @GeneratedValue @Nullable Long id, long shopId, long orderId, long customerId, String provider,
                   String surface, LocalDateTime clickedAt) {
}
