package com.returnsdrawer.orders;

import io.micronaut.core.annotation.Nullable;

/**
 * What a shop's settings say about returns, as eligibility needs it: whether returns are on (enabled with a
 * provider and portal), the trigger ({@code delivered} or {@code fulfilled}) and the window in days
 * (null: unlimited).
 */
public record ReturnPolicy(boolean active, String trigger, @Nullable Integer windowDays) {

    public static final ReturnPolicy OFF = new ReturnPolicy(false, "delivered", null);

    public boolean triggerIsFulfilled() {
        return "fulfilled".equals(trigger);
    }
}
