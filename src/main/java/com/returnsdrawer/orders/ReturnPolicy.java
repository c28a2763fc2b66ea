package com.returnsdrawer.orders;

import io.micronaut.core.annotation.Nullable;

/**
 * What a shop's settings say about returns, as eligibility needs it: whether returns are on (enabled with a
 * provider and portal), the trigger and the window in days (null: unlimited).
 */
public record ReturnPolicy(boolean active, ReturnTrigger trigger, @Nullable Integer windowDays) {

    public static final ReturnPolicy OFF = new ReturnPolicy(false, ReturnTrigger.DELIVERED, null);

    public ReturnPolicy {
        trigger = trigger == null ? ReturnTrigger.DELIVERED : trigger;
    }

    boolean triggerIsFulfilled() {
        return trigger == ReturnTrigger.FULFILLED;
    }
}
