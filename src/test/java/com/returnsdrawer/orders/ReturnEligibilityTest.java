package com.returnsdrawer.orders;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReturnEligibilityTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Instant FULFILLED = NOW.minus(Duration.ofDays(20));
    private static final Instant DELIVERED = NOW.minus(Duration.ofDays(15));
    private static final ReturnPolicy ON_DELIVERY = new ReturnPolicy(true, "delivered", null);
    private static final ReturnPolicy ON_FULFILMENT = new ReturnPolicy(true, "fulfilled", null);

    private static ReturnEligibility.Facts order(Instant cancelled, String financial, Instant fulfilled, Instant delivered) {
        return new ReturnEligibility.Facts(cancelled, financial, fulfilled, delivered);
    }

    private static String reason(ReturnEligibility.Facts facts, ReturnPolicy policy) {
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
        assertEquals("returns_disabled", reason(order(NOW, "refunded", null, null), ReturnPolicy.OFF));
        assertEquals("returns_disabled", reason(order(null, "paid", FULFILLED, DELIVERED), new ReturnPolicy(false, "delivered", 30)));
    }

    @Test
    void cancelledEvenAfterDelivery() {
        assertEquals("cancelled", reason(order(NOW, "paid", FULFILLED, DELIVERED), ON_DELIVERY));
        assertEquals("cancelled", reason(order(NOW, "refunded", null, null), ON_DELIVERY));
    }

    @Test
    void fullyRefundedOrVoidedButNotPartiallyRefunded() {
        assertEquals("refunded", reason(order(null, "refunded", FULFILLED, DELIVERED), ON_DELIVERY));
        assertEquals("refunded", reason(order(null, "voided", null, null), ON_DELIVERY));
        assertNull(reason(order(null, "partially_refunded", FULFILLED, DELIVERED), ON_DELIVERY));
    }

    @Test
    void notFulfilledThenNotDelivered() {
        assertEquals("not_fulfilled", reason(order(null, "paid", null, null), ON_DELIVERY));
        assertEquals("not_fulfilled", reason(order(null, "paid", null, null), ON_FULFILMENT));
        assertEquals("not_delivered", reason(order(null, "paid", FULFILLED, null), ON_DELIVERY));
    }

    @Test
    void fulfilledTriggerNeedsNoDelivery() {
        assertNull(reason(order(null, "paid", FULFILLED, null), ON_FULFILMENT));
    }

    @Test
    void windowCountsFromTheFirstDelivery() {
        assertNull(reason(order(null, "paid", FULFILLED, DELIVERED), new ReturnPolicy(true, "delivered", 15)));
        assertEquals("window_expired", reason(order(null, "paid", FULFILLED, DELIVERED), new ReturnPolicy(true, "delivered", 14)));
    }

    @Test
    void windowCountsFromTheFirstFulfilmentWhenTheTriggerIsFulfilled() {
        assertNull(reason(order(null, "paid", FULFILLED, DELIVERED), new ReturnPolicy(true, "fulfilled", 20)));
        assertEquals("window_expired", reason(order(null, "paid", FULFILLED, DELIVERED), new ReturnPolicy(true, "fulfilled", 19)));
        assertEquals("window_expired", reason(order(null, "paid", FULFILLED, null), new ReturnPolicy(true, "fulfilled", 5)));
    }

    @Test
    void noWindowMeansUnlimited() {
        Instant longAgo = NOW.minus(Duration.ofDays(3000));
        assertNull(reason(order(null, "paid", longAgo, longAgo), ON_DELIVERY));
    }
}
