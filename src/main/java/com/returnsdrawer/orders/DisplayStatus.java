package com.returnsdrawer.orders;

import java.util.Collection;
import java.util.List;

/**
 * The status a shopper sees (PRODUCT.md, "Display status"): {@code cancelled}; else {@code unfulfilled}
 * without a successful fulfillment; else the most advanced carrier state across the successful
 * fulfillments; else {@code fulfilled} or {@code partially_fulfilled}.
 */
public final class DisplayStatus {

    /** Carrier states shown to shoppers, most advanced first. Other shipment statuses show no carrier state. */
    static final List<String> CARRIER_STATES =
            List.of("delivered", "out_for_delivery", "in_transit", "attempted_delivery", "failure");

    private DisplayStatus() {
    }

    public static String of(boolean cancelled, String fulfillmentStatus, Collection<FulfillmentSnapshot> fulfillments) {
        if (cancelled) {
            return "cancelled";
        }
        int best = Integer.MAX_VALUE;
        boolean anySuccessful = false;
        for (FulfillmentSnapshot f : fulfillments) {
            if (!f.successful()) {
                continue;
            }
            anySuccessful = true;
            int rank = f.shipmentStatus() == null ? -1 : CARRIER_STATES.indexOf(f.shipmentStatus());
            if (rank >= 0 && rank < best) {
                best = rank;
            }
        }
        if (!anySuccessful) {
            return "unfulfilled";
        }
        if (best != Integer.MAX_VALUE) {
            return CARRIER_STATES.get(best);
        }
        return "partial".equals(fulfillmentStatus) ? "partially_fulfilled" : "fulfilled";
    }
}
