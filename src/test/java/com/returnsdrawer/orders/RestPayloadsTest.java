package com.returnsdrawer.orders;

import com.returnsdrawer.support.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RestPayloadsTest {

    @Test
    void readsTheRealOrdersCreateSample() throws IOException {
        OrderSnapshot o = RestPayloads.order(Json.fixtureBytes("orders_create.json"));
        assertEquals(820982911946154508L, o.orderId());
        assertEquals(115310627314723954L, o.customerId());
        assertEquals("#9999", o.name());
        assertEquals(1234L, o.orderNumber());
        assertEquals("jon@example.com", o.email());
        assertEquals("40003", o.zip());
        assertEquals("voided", o.financialStatus());
        assertEquals("404.95", o.totalPrice());
        assertEquals(Instant.parse("2022-01-01T00:00:00Z"), o.updatedAt());
        assertEquals(Instant.parse("2022-01-01T00:00:00Z"), o.cancelledAt());
        assertEquals(5, o.lineItems().size());
        assertEquals(487817672276298554L, o.lineItems().get(0).lineItemId());
        assertEquals("Aviator sunglasses", o.lineItems().get(0).title());
        assertEquals(788032119674292922L, o.lineItems().get(0).productId());
        assertNull(o.lineItems().get(0).variantId());
    }

    @Test
    void readsTheRealFulfillmentSampleWithItsTracking() throws IOException {
        FulfillmentSnapshot f = RestPayloads.fulfillment(Json.fixtureBytes("fulfillments_create.json"));
        assertEquals(123456L, f.fulfillmentId());
        assertEquals(820982911946154508L, f.orderId());
        assertEquals("pending", f.status());
        assertNull(f.shipmentStatus());
        assertEquals(List.of(new FulfillmentSnapshot.Tracking("UPS", "1z827wk74630",
                "https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=1z827wk74630")), f.tracking());
    }

    @Test
    void fallsBackFromEmailToContactEmailAndFromShippingToBillingZip() throws IOException {
        Map<String, Object> order = Json.fixture("orders_create.json");
        order.put("email", "");
        order.put("contact_email", "contact@example.com");
        order.put("shipping_address", null);
        ((Map<String, Object>) order.get("billing_address")).put("zip", "99999");
        OrderSnapshot o = RestPayloads.order(Json.bytes(order));
        assertEquals("contact@example.com", o.email());
        assertEquals("99999", o.zip());
    }

    @Test
    void malformedOrWronglyTypedPayloadsAreUnreadable() {
        for (String body : List.of("", "[]", "{\"id\": \"x\"}", "{\"name\": \"#1\"}", "{\"id\": 1, \"line_items\": 5}",
                "{\"id\": 1, \"updated_at\": \"yesterday\"}", "{\"id\": 1, \"customer\": [1]}", "{\"id\": 1,")) {
            assertThrows(IOException.class, () -> RestPayloads.order(body.getBytes()), body);
        }
        assertThrows(IOException.class, () -> RestPayloads.fulfillment("{\"id\": 1}".getBytes()));
    }
}
