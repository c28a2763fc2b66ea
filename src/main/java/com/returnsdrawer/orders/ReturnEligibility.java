package com.returnsdrawer.orders;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether an order may be returned now (docs/behaviour.md, "When an order may be returned"), with the first
 * {@link Reason} that applies when not.
 */
public record ReturnEligibility(boolean eligible, @Nullable Reason reason) {

    private static final ReturnEligibility ELIGIBLE = new ReturnEligibility(true, null);

    /** Why an order may not be returned, in the order the rules are checked. Sent as its {@link #code()}. */
    public enum Reason {
        RETURNS_DISABLED("returns_disabled", "reason.returns_disabled"),
        CANCELLED("cancelled", "reason.cancelled"),
        REFUNDED("refunded", "reason.refunded"),
        NOT_FULFILLED("not_fulfilled", "reason.not_fulfilled"),
        NOT_DELIVERED("not_delivered", "reason.not_delivered"),
        WINDOW_EXPIRED("window_expired", "reason.window_expired");

        private final String code;
        private final String messageKey;

        Reason(String code, String messageKey) {
            this.code = code;
            this.messageKey = messageKey;
        }

        @JsonValue
        public String code() {
            return code;
        }

        /** Its code, so that text built from it reads as before. */
        @Override
        public String toString() {
            return code;
        }

        /** The key of its words in {@code messages_*.properties}. */
        public String messageKey() {
            return messageKey;
        }
    }

    /** The stored facts eligibility depends on. */
    public record Facts(@Nullable Instant cancelledAt, @Nullable String financialStatus,
                        @Nullable Instant fulfilledAt, @Nullable Instant deliveredAt) {
    }

    public static ReturnEligibility of(Facts order, ReturnPolicy policy, Instant now) {
        if (!policy.active()) {
            return no(Reason.RETURNS_DISABLED);
        }
        if (order.cancelledAt() != null) {
            return no(Reason.CANCELLED);
        }
        if ("refunded".equals(order.financialStatus()) || "voided".equals(order.financialStatus())) {
            return no(Reason.REFUNDED);
        }
        if (order.fulfilledAt() == null) {
            return no(Reason.NOT_FULFILLED);
        }
        if (!policy.triggerIsFulfilled() && order.deliveredAt() == null) {
            return no(Reason.NOT_DELIVERED);
        }
        if (policy.windowDays() != null) {
            Instant start = policy.triggerIsFulfilled() ? order.fulfilledAt() : order.deliveredAt();
            if (now.isAfter(start.plus(Duration.ofDays(policy.windowDays())))) {
                return no(Reason.WINDOW_EXPIRED);
            }
        }
        return ELIGIBLE;
    }

    private static ReturnEligibility no(Reason reason) {
        return new ReturnEligibility(false, reason);
    }
}
