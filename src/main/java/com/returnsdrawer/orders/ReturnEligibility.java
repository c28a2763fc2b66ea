package com.returnsdrawer.orders;

import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether an order may be returned now (PRODUCT.md, "When an order may be returned"), with the first reason
 * that applies when not: {@code returns_disabled}, {@code cancelled}, {@code refunded}, {@code not_fulfilled},
 * {@code not_delivered}, {@code window_expired}.
 */
public record ReturnEligibility(boolean eligible, @Nullable String reason) {

    private static final ReturnEligibility ELIGIBLE = new ReturnEligibility(true, null);

    /** The stored facts eligibility depends on. */
    public record Facts(@Nullable Instant cancelledAt, @Nullable String financialStatus,
                        @Nullable Instant fulfilledAt, @Nullable Instant deliveredAt) {
    }

    public static ReturnEligibility of(Facts order, ReturnPolicy policy, Instant now) {
        if (!policy.active()) {
            return no("returns_disabled");
        }
        if (order.cancelledAt() != null) {
            return no("cancelled");
        }
        if ("refunded".equals(order.financialStatus()) || "voided".equals(order.financialStatus())) {
            return no("refunded");
        }
        if (order.fulfilledAt() == null) {
            return no("not_fulfilled");
        }
        if (!policy.triggerIsFulfilled() && order.deliveredAt() == null) {
            return no("not_delivered");
        }
        if (policy.windowDays() != null) {
            Instant start = policy.triggerIsFulfilled() ? order.fulfilledAt() : order.deliveredAt();
            if (now.isAfter(start.plus(Duration.ofDays(policy.windowDays())))) {
                return no("window_expired");
            }
        }
        return ELIGIBLE;
    }

    private static ReturnEligibility no(String reason) {
        return new ReturnEligibility(false, reason);
    }
}
