package com.returnsdrawer.orders;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Collection;
import java.util.List;

/**
 * The status a shopper sees (docs/behaviour.md, "Display status"): {@code cancelled}; else {@code unfulfilled}
 * without a successful fulfillment; else the most advanced carrier state across the successful fulfillments;
 * else {@code fulfilled} or {@code partially_fulfilled}. Stored and sent as its {@link #code()}.
 */
public enum DisplayStatus {
    CANCELLED("cancelled", "status.cancelled"),
    UNFULFILLED("unfulfilled", "status.unfulfilled"),
    PARTIALLY_FULFILLED("partially_fulfilled", "status.partially_fulfilled"),
    FULFILLED("fulfilled", "status.fulfilled"),
    IN_TRANSIT("in_transit", "status.in_transit"),
    OUT_FOR_DELIVERY("out_for_delivery", "status.out_for_delivery"),
    ATTEMPTED_DELIVERY("attempted_delivery", "status.attempted_delivery"),
    DELIVERED("delivered", "status.delivered"),
    FAILURE("failure", "status.failure");

    /** Carrier states shown to shoppers, most advanced first. Other shipment statuses show no carrier state. */
    static final List<DisplayStatus> CARRIER_STATES =
            List.of(DELIVERED, OUT_FOR_DELIVERY, IN_TRANSIT, ATTEMPTED_DELIVERY, FAILURE);

    private final String code;
    private final String messageKey;

    DisplayStatus(String code, String messageKey) {
        this.code = code;
        this.messageKey = messageKey;
    }

    /** The lower-case code of the JSON and of the {@code display_status} column. */
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

    /** The status with this code; {@code unfulfilled} for a code this version does not know. */
    static DisplayStatus fromCode(String code) {
        for (DisplayStatus status : values()) {
            if (status.code.equals(code)) {
                return status;
            }
        }
        return UNFULFILLED;
    }

    public static DisplayStatus of(boolean cancelled, String fulfillmentStatus, Collection<FulfillmentSnapshot> fulfillments) {
        if (cancelled) {
            return CANCELLED;
        }
        int best = Integer.MAX_VALUE;
        boolean anySuccessful = false;
        for (FulfillmentSnapshot f : fulfillments) {
            if (!f.successful()) {
                continue;
            }
            anySuccessful = true;
            int rank = carrierRank(f.shipmentStatus());
            if (rank >= 0 && rank < best) {
                best = rank;
            }
        }
        if (!anySuccessful) {
            return UNFULFILLED;
        }
        if (best != Integer.MAX_VALUE) {
            return CARRIER_STATES.get(best);
        }
        return "partial".equals(fulfillmentStatus) ? PARTIALLY_FULFILLED : FULFILLED;
    }

    private static int carrierRank(String shipmentStatus) {
        for (int i = 0; i < CARRIER_STATES.size(); i++) {
            if (CARRIER_STATES.get(i).code.equals(shipmentStatus)) {
                return i;
            }
        }
        return -1;
    }
}
