package com.returnsdrawer.support;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Order and fulfillment payloads built from the real orders/create and fulfillments/create samples. */
public final class Orders {

    private Orders() {
    }

    /** The orders/create sample made an ordinary, paid, uncancelled order of {@code customerId}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> order(long orderId, long customerId, Instant updatedAt) {
        Map<String, Object> order = Json.fixture("orders_create.json");
        order.put("id", orderId);
        order.put("cancelled_at", null);
        order.put("cancel_reason", null);
        order.put("financial_status", "paid");
        order.put("fulfillment_status", null);
        order.put("updated_at", iso(updatedAt));
        ((Map<String, Object>) order.get("customer")).put("id", customerId);
        order.put("fulfillments", new ArrayList<>());
        return order;
    }

    /** The fulfillments/create sample for {@code orderId}. */
    public static Map<String, Object> fulfillment(long fulfillmentId, long orderId, String status, String shipmentStatus,
                                                  Instant updatedAt) {
        Map<String, Object> f = Json.fixture("fulfillments_create.json");
        f.put("id", fulfillmentId);
        f.put("order_id", orderId);
        f.put("status", status);
        f.put("shipment_status", shipmentStatus);
        f.put("updated_at", iso(updatedAt));
        return f;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> withFulfillments(Map<String, Object> order, String fulfillmentStatus,
                                                      Map<String, Object>... fulfillments) {
        order.put("fulfillment_status", fulfillmentStatus);
        order.put("fulfillments", new ArrayList<>(List.of(fulfillments)));
        return order;
    }

    /** Shopify's REST time format, with an offset. */
    public static String iso(Instant at) {
        return at.atOffset(ZoneOffset.ofHours(-5)).toString();
    }
}
