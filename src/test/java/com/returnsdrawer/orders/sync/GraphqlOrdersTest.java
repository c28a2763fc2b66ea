package com.returnsdrawer.orders.sync;

import com.returnsdrawer.orders.FulfillmentSnapshot;
import com.returnsdrawer.orders.OrderReturns;
import com.returnsdrawer.orders.OrderSnapshot;
import com.returnsdrawer.orders.ReturnStatus;
import com.returnsdrawer.support.Json;
import com.returnsdrawer.support.ShopifyStandIn;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class GraphqlOrdersTest {

    private static OrderSnapshot snapshot(Map<String, Object> node) throws IOException {
        return GraphqlOrders.toSnapshot(ObjectMapper.getDefault().readValue(Json.bytes(node), GraphqlOrders.Order.class));
    }

    @Test
    void mapsAnOrderAsTheWebhooksWouldDeliverIt() throws IOException {
        OrderSnapshot order = snapshot(ShopifyStandIn.graphqlOrder(7_000_000_001L, 42, "2026-11-01T10:00:00Z", "DELIVERED"));
        assertEquals(7_000_000_001L, order.orderId());
        assertEquals(42L, order.customerId());
        assertEquals("paid", order.financialStatus());
        assertEquals("fulfilled", order.fulfillmentStatus());
        assertEquals("25.00", order.totalPrice());
        assertEquals("EUR", order.currency());
        assertEquals("10115", order.zip());
        assertEquals(Instant.parse("2026-11-01T10:00:00Z"), order.updatedAt());
        OrderSnapshot.LineItem item = order.lineItems().get(0);
        assertEquals(70_000_000_010L, item.lineItemId(), "the number at the end of the line item's gid");
        assertEquals(2, item.quantity());
        FulfillmentSnapshot fulfillment = order.fulfillments().get(0);
        assertEquals("delivered", fulfillment.shipmentStatus());
        assertEquals(Instant.parse("2026-10-05T10:00:00Z"), fulfillment.deliveredAt());
        assertEquals("JD0001", fulfillment.tracking().get(0).number());
    }

    @Test
    void aDisplayStatusThatIsNoCarrierStateGivesNoShipmentStatus() throws IOException {
        Map<String, Object> node = ShopifyStandIn.graphqlOrder(7_000_000_002L, 42, "2026-11-01T10:00:00Z", "FULFILLED");
        assertNull(snapshot(node).fulfillments().get(0).shipmentStatus());
    }

    @Test
    void fallsBackToTheCustomersEmailAndTheBillingZip() throws IOException {
        Map<String, Object> node = new HashMap<>(ShopifyStandIn.graphqlOrder(7_000_000_003L, 42, "2026-11-01T10:00:00Z", null));
        node.put("email", null);
        node.put("shippingAddress", null);
        node.put("billingAddress", Map.of("zip", "75001"));
        node.put("customer", Map.of("legacyResourceId", "42", "email", "customer@example.com"));
        OrderSnapshot order = snapshot(node);
        assertEquals("customer@example.com", order.email());
        assertEquals("75001", order.zip());
        assertNull(order.fulfillmentStatus(), "unfulfilled has no fulfillment status");
        assertEquals(List.of(), order.fulfillments());
    }

    @Test
    void readsTheOrdersReturnsAsShopifyStatesThemAndLeavesOutUnknownStatuses() throws IOException {
        Map<String, Object> node = ShopifyStandIn.withReturns(
                ShopifyStandIn.graphqlOrder(7_000_000_004L, 42, "2026-11-01T10:00:00Z", "DELIVERED"),
                "gid://shopify/Return/11", "OPEN", "gid://shopify/Return/12", "SOMETHING_NEW", "gid://shopify/Return/13", "CANCELED");
        Instant asked = Instant.parse("2026-11-02T00:00:00Z");
        List<OrderReturns.Stated> returns = GraphqlOrders.returnsOf(9,
                ObjectMapper.getDefault().readValue(Json.bytes(node), GraphqlOrders.Order.class), asked);
        assertEquals(List.of(new OrderReturns.Stated(9, 11, 7_000_000_004L, ReturnStatus.OPEN, asked),
                new OrderReturns.Stated(9, 13, 7_000_000_004L, ReturnStatus.CANCELED, asked)), returns);
    }
}
