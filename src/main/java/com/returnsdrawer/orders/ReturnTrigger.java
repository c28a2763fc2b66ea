package com.returnsdrawer.orders;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Optional;

/**
 * What starts an order's return window (docs/behaviour.md, "When an order may be returned"): its delivery or its
 * first fulfillment. Stored and sent as its {@link #code()}.
 */
public enum ReturnTrigger {
    DELIVERED("delivered"),
    FULFILLED("fulfilled");

    private final String code;

    ReturnTrigger(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** The trigger with this code, if there is one. */
    public static Optional<ReturnTrigger> fromCode(String code) {
        for (ReturnTrigger trigger : values()) {
            if (trigger.code.equals(code)) {
                return Optional.of(trigger);
            }
        }
        return Optional.empty();
    }
}
