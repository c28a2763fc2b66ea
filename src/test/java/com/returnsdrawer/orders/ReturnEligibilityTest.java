package com.returnsdrawer.orders;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReturnEligibilityTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Instant FULFILLED = NOW.minus(Duration.ofDays(20));
    private static final Instant DELIVERED = NOW.minus(Duration.ofDays(15));
    private static final ReturnPolicy ON_DELIVERY = new ReturnPolicy(true, ReturnTrigger.DELIVERED, null);
    private static final ReturnPolicy ON_FULFILMENT = new ReturnPolicy(true, ReturnTrigger.FULFILLED, null);

    private static ReturnEligibility.Facts order(Instant cancelled, String financial, Instant fulfilled, Instant delivered) {
        return new ReturnEligibility.Facts(cancelled, financial, fulfilled, delivered);
    }

    private static ReturnEligibility.Reason reason(ReturnEligibility.Facts facts, ReturnPolicy policy) {
        ReturnEligibility result = ReturnEligibility.of(facts, policy, NOW);
        assertEquals(result.reason() == null, result.eligible());
        return result.reason();
    }

    @Test
    void deliveredOrderIsEligible() {
        ReturnEligibility result = ReturnEligibility.of(order(null, "paid", FULFILLED, DELIVERED), ON_DELIVERY, NOW);
        assertTrue(result.eligible());
        assertNull(result.reason());
    }

    @Test
    void returnsDisabledComesFirst() {
        assertEquals(ReturnEligibility.Reason.RETURNS_DISABLED, reason(order(NOW, "refunded", null, null), ReturnPolicy.OFF));
        assertEquals(ReturnEligibility.Reason.RETURNS_DISABLED, reason(order(null, "paid", FULFILLED, DELIVERED), new ReturnPolicy(false, ReturnTrigger.DELIVERED, 30)));
    }

    @Test
    void cancelledEvenAfterDelivery() {
        assertEquals(ReturnEligibility.Reason.CANCELLED, reason(order(NOW, "paid", FULFILLED, DELIVERED), ON_DELIVERY));
        assertEquals(ReturnEligibility.Reason.CANCELLED, reason(order(NOW, "refunded", null, null), ON_DELIVERY));
    }

    @Test
    void fullyRefundedOrVoidedButNotPartiallyRefunded() {
        assertEquals(ReturnEligibility.Reason.REFUNDED, reason(order(null, "refunded", FULFILLED, DELIVERED), ON_DELIVERY));
        assertEquals(ReturnEligibility.Reason.REFUNDED, reason(order(null, "voided", null, null), ON_DELIVERY));
        assertNull(reason(order(null, "partially_refunded", FULFILLED, DELIVERED), ON_DELIVERY));
    }

    @Test
    void notFulfilledThenNotDelivered() {
        assertEquals(ReturnEligibility.Reason.NOT_FULFILLED, reason(order(null, "paid", null, null), ON_DELIVERY));
        assertEquals(ReturnEligibility.Reason.NOT_FULFILLED, reason(order(null, "paid", null, null), ON_FULFILMENT));
        assertEquals(ReturnEligibility.Reason.NOT_DELIVERED, reason(order(null, "paid", FULFILLED, null), ON_DELIVERY));
    }

    @Test
    void fulfilledTriggerNeedsNoDelivery() {
        assertNull(reason(order(null, "paid", FULFILLED, null), ON_FULFILMENT));
    }

    @Test
    void windowCountsFromTheFirstDelivery() {
        assertNull(reason(order(null, "paid", FULFILLED, DELIVERED), new ReturnPolicy(true, ReturnTrigger.DELIVERED, 15)));
        assertEquals(ReturnEligibility.Reason.WINDOW_EXPIRED, reason(order(null, "paid", FULFILLED, DELIVERED), new ReturnPolicy(true, ReturnTrigger.DELIVERED, 14)));
    }

    @Test
    void windowCountsFromTheFirstFulfilmentWhenTheTriggerIsFulfilled() {
        assertNull(reason(order(null, "paid", FULFILLED, DELIVERED), new ReturnPolicy(true, ReturnTrigger.FULFILLED, 20)));
        assertEquals(ReturnEligibility.Reason.WINDOW_EXPIRED, reason(order(null, "paid", FULFILLED, DELIVERED), new ReturnPolicy(true, ReturnTrigger.FULFILLED, 19)));
        assertEquals(ReturnEligibility.Reason.WINDOW_EXPIRED, reason(order(null, "paid", FULFILLED, null), new ReturnPolicy(true, ReturnTrigger.FULFILLED, 5)));
    }

    @Test
    void noWindowMeansUnlimited() {
        Instant longAgo = NOW.minus(Duration.ofDays(3000));
        assertNull(reason(order(null, "paid", longAgo, longAgo), ON_DELIVERY));
    }

    @Test
    void reasonsAreCheckedInTheirOrderAndCarryTheirCodesAndMessageKeys() {
        assertEquals(List.of("returns_disabled", "cancelled", "refunded", "not_fulfilled", "not_delivered", "window_expired"),
                Arrays.stream(ReturnEligibility.Reason.values()).map(ReturnEligibility.Reason::code).toList());
        for (ReturnEligibility.Reason reason : ReturnEligibility.Reason.values()) {
            assertEquals("reason." + reason.code(), reason.messageKey());
        }
    }

    @Test
    void triggersAreReadFromTheirCodesOnly() {
        assertEquals(Optional.of(ReturnTrigger.FULFILLED), ReturnTrigger.fromCode("fulfilled"));
        assertEquals(Optional.of(ReturnTrigger.DELIVERED), ReturnTrigger.fromCode("delivered"));
        assertEquals(Optional.empty(), ReturnTrigger.fromCode("DELIVERED"));
        assertEquals(ReturnTrigger.DELIVERED, new ReturnPolicy(true, null, null).trigger());
    }
}
