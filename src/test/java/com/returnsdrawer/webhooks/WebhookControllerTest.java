package com.returnsdrawer.webhooks;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.support.DrawerList;
import com.returnsdrawer.support.Json;
import com.returnsdrawer.support.Orders;
import com.returnsdrawer.support.Sql;
import com.returnsdrawer.support.TestShops;
import com.returnsdrawer.support.WebhookDeliveryRequest;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
@Property(name = "shopify.api-secret-previous", value = "the-previous-secret")
class WebhookControllerTest {

    @Inject
    EmbeddedServer server;
    @Inject
    Database database;
    @Inject
    ShopStore shops;

    private final ShopDomain shop = TestShops.unique("hooks");
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(10, ChronoUnit.DAYS);

    /** Whatever a test sent, the drawer's list is exactly what the orders say. */
    @AfterEach
    void drawerListInStep() {
        shops.find(shop).ifPresent(s -> DrawerList.assertInStep(database, s.id()));
    }

    private URI base() {
        return server.getURI();
    }

    private long deliveries(String webhookId) {
        return Sql.count(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = ?", webhookId);
    }

    private Map<String, Object> orderRow(long orderId) {
        return Sql.one(database, """
                SELECT o.* FROM orders o JOIN shops s ON s.id = o.shop_id WHERE s.domain = ? AND o.order_id = ?""",
                shop.value(), orderId);
    }

    private long nextOrderId() {
        return 820_982_911_946_154_508L + (long) (Math.random() * 1_000_000_000L);
    }

    private HttpResponse<String> send(String topic, Object payload) {
        return WebhookDeliveryRequest.of(topic, shop, payload).send(base());
    }

    @Test
    void rejectsMissingAndInvalidHmacStoringNothing() {
        byte[] body = Json.fixtureBytes("orders_create.json");
        var missing = WebhookDeliveryRequest.of("orders/create", shop, body).hmac("");
        var forged = WebhookDeliveryRequest.of("orders/create", shop, body).secret("not-the-secret");
        var garbage = WebhookDeliveryRequest.of("orders/create", shop, body).hmac("bm90IGEgaG1hYw==");
        for (var request : List.of(missing, forged, garbage)) {
            assertEquals(401, request.send(base()).statusCode());
            assertEquals(0, deliveries(request.id()));
        }
        assertTrue(shops.find(shop).isEmpty(), "no shop recorded from an unsigned request");
    }

    @Test
    void rejectsABodyChangedAfterSigning() {
        byte[] body = Json.fixtureBytes("orders_create.json");
        var request = WebhookDeliveryRequest.of("orders/create", shop, body);
        String hmac = request.headers().get("X-Shopify-Hmac-Sha256");
        byte[] reserialized = Json.bytes(Json.read(body));
        var tampered = WebhookDeliveryRequest.of("orders/create", shop, reserialized).hmac(hmac);
        assertEquals(401, tampered.send(base()).statusCode());
    }

    @Test
    void acceptsThePreviousSecretDuringRotation() {
        var request = WebhookDeliveryRequest.of("orders/create", shop, Json.fixtureBytes("orders_create.json"))
                .secret("the-previous-secret");
        assertEquals(200, request.send(base()).statusCode());
        assertEquals(1, deliveries(request.id()));
    }

    @Test
    void validHmacWithoutTopicOrShopIs400() {
        byte[] body = Json.fixtureBytes("orders_create.json");
        var noTopic = WebhookDeliveryRequest.of("orders/create", shop, body).withoutTopic();
        var noShop = WebhookDeliveryRequest.of("orders/create", shop, body).withoutShop();
        assertEquals(400, noTopic.send(base()).statusCode());
        assertEquals(400, noShop.send(base()).statusCode());
        assertEquals(0, deliveries(noTopic.id()) + deliveries(noShop.id()));
    }

    @Test
    void hostileShopDomainHeaderIs400() {
        byte[] body = Json.fixtureBytes("orders_create.json");
        var request = WebhookDeliveryRequest.of("orders/create", shop, body);
        Map<String, String> headers = request.headers();
        headers.put("X-Shopify-Shop-Domain", "evil.com");
        var http = java.net.http.HttpRequest.newBuilder(base().resolve("/webhooks"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(http::header);
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(http.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, response.statusCode());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void nonPostIs405() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(base().resolve("/webhooks")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, response.statusCode());
    }

    @Test
    void bodyOverFiveMebibytesIs413() {
        byte[] body = new byte[5 * 1024 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        var request = WebhookDeliveryRequest.of("orders/create", shop, body);
        assertEquals(413, request.send(base()).statusCode());
        assertEquals(0, deliveries(request.id()));
    }

    @Test
    void unparseableBodyIsAcknowledgedAndKeptForInspection() {
        byte[] body = "{\"id\": \"not a number\", \"line_items\": 7".getBytes();
        var request = WebhookDeliveryRequest.of("orders/updated", shop, body);
        assertEquals(200, request.send(base()).statusCode());
        Map<String, Object> row = Sql.one(database, "SELECT outcome, body FROM webhook_deliveries WHERE webhook_id = ?", request.id());
        assertEquals("unparseable", row.get("outcome"));
        assertArrayEquals(body, (byte[]) row.get("body"));
    }

    @Test
    void unknownTopicIsAcknowledgedAndKept() {
        byte[] body = "{\"id\": 1}".getBytes();
        var request = WebhookDeliveryRequest.of("products/update", shop, body);
        assertEquals(200, request.send(base()).statusCode());
        Map<String, Object> row = Sql.one(database, "SELECT outcome, body, topic FROM webhook_deliveries WHERE webhook_id = ?", request.id());
        assertEquals("unknown_topic", row.get("outcome"));
        assertEquals("products/update", row.get("topic"));
        assertArrayEquals(body, (byte[]) row.get("body"));
    }

    @Test
    void realOrdersCreateSampleIsStoredWithItsIdExactly() {
        var request = WebhookDeliveryRequest.of("orders/create", shop, Json.fixtureBytes("orders_create.json"));
        assertEquals(200, request.send(base()).statusCode());
        Map<String, Object> row = orderRow(820982911946154508L);
        // 820982911946154508 is above 2^53: through a double it would read 820982911946154496.
        assertEquals(new BigInteger("820982911946154508"), new BigInteger(row.get("order_id").toString()));
        assertEquals("#9999", row.get("name"));
        assertEquals("404.95", row.get("total_price"));
        assertEquals("USD", row.get("currency"));
        assertEquals("40003", row.get("zip"));
        assertEquals("jon@example.com", row.get("email"));
        assertEquals(115310627314723954L, ((Number) row.get("customer_id")).longValue());
        assertEquals("cancelled", row.get("display_status"), "the sample is cancelled");
        assertEquals(5L, Sql.count(database, "SELECT COUNT(*) FROM order_line_items WHERE order_pk = ?", row.get("id")));
        assertEquals("processed", Sql.one(database, "SELECT outcome FROM webhook_deliveries WHERE webhook_id = ?",
                request.id()).get("outcome"));
    }

    @Test
    void duplicateDeliveryIsAcknowledgedAndAppliedOnce() {
        long id = nextOrderId();
        var first = WebhookDeliveryRequest.of("orders/create", shop, Orders.order(id, 42, t0));
        assertEquals(200, first.send(base()).statusCode());
        // A newer state arrives, then Shopify redelivers the first one with the same delivery id.
        assertEquals(200, send("orders/updated", Orders.withFulfillments(Orders.order(id, 42, t0.plusSeconds(60)),
                "fulfilled", Orders.fulfillment(1, id, "success", "in_transit", t0.plusSeconds(60)))).statusCode());
        assertEquals(200, WebhookDeliveryRequest.of("orders/create", shop, Orders.order(id, 42, t0)).id(first.id())
                .send(base()).statusCode());
        assertEquals(1, deliveries(first.id()));
        assertEquals("in_transit", orderRow(id).get("display_status"));
    }

    @Test
    void olderStateArrivingLateNeverOverwritesNewer() {
        long id = nextOrderId();
        var newer = Orders.withFulfillments(Orders.order(id, 42, t0.plusSeconds(120)), "fulfilled",
                Orders.fulfillment(11, id, "success", "delivered", t0.plusSeconds(120)));
        assertEquals(200, send("orders/updated", newer).statusCode());
        assertEquals(200, send("orders/create", Orders.order(id, 42, t0)).statusCode());
        Map<String, Object> row = orderRow(id);
        assertEquals("delivered", row.get("display_status"));
        assertEquals("fulfilled", row.get("fulfillment_status"));
        assertNotNull(row.get("delivered_at"));
    }

    @Test
    void fulfillmentUpdateToDeliveredKeepsTheFirstDeliveryTime() {
        long id = nextOrderId();
        long fid = 5_000_000_000_000_000_001L;
        assertEquals(200, send("orders/create", Orders.order(id, 42, t0)).statusCode());
        assertEquals(200, send("fulfillments/create", Orders.fulfillment(fid, id, "success", "in_transit", t0.plusSeconds(10))).statusCode());
        assertEquals("in_transit", orderRow(id).get("display_status"));
        assertNull(orderRow(id).get("delivered_at"));

        Instant deliveredAt = t0.plusSeconds(3600);
        assertEquals(200, send("fulfillments/update", Orders.fulfillment(fid, id, "success", "delivered", deliveredAt)).statusCode());
        Map<String, Object> row = orderRow(id);
        assertEquals("delivered", row.get("display_status"));
        Object firstDelivered = row.get("delivered_at");
        assertEquals(java.time.LocalDateTime.ofInstant(deliveredAt, java.time.ZoneOffset.UTC), toLocal(firstDelivered));

        // A later update of the same fulfillment (tracking edited) keeps the first delivery time.
        assertEquals(200, send("fulfillments/update", Orders.fulfillment(fid, id, "success", "delivered", deliveredAt.plusSeconds(7200))).statusCode());
        assertEquals(toLocal(firstDelivered), toLocal(orderRow(id).get("delivered_at")));
        // An older in-transit update arriving late changes nothing.
        assertEquals(200, send("fulfillments/update", Orders.fulfillment(fid, id, "success", "in_transit", t0.plusSeconds(20))).statusCode());
        assertEquals("delivered", orderRow(id).get("display_status"));
        assertEquals(1L, Sql.count(database, "SELECT COUNT(*) FROM fulfillments WHERE order_pk = ?", orderRow(id).get("id")));
    }

    @Test
    void fulfillmentBeforeItsOrderIsKeptAndShownOnceTheOrderArrives() {
        long id = nextOrderId();
        assertEquals(200, send("fulfillments/create", Orders.fulfillment(77, id, "success", "delivered", t0.plusSeconds(50))).statusCode());
        assertNull(orderRow(id).get("customer_id"), "a placeholder, invisible to shoppers");
        assertEquals(200, send("orders/create", Orders.order(id, 42, t0)).statusCode());
        Map<String, Object> row = orderRow(id);
        assertEquals(42L, ((Number) row.get("customer_id")).longValue());
        assertEquals("delivered", row.get("display_status"));
    }

    @Test
    void cancellationMakesTheOrderCancelled() {
        long id = nextOrderId();
        assertEquals(200, send("orders/create", Orders.order(id, 42, t0)).statusCode());
        Map<String, Object> cancelled = Orders.order(id, 42, t0.plusSeconds(30));
        cancelled.put("cancelled_at", Orders.iso(t0.plusSeconds(30)));
        cancelled.put("financial_status", "refunded");
        assertEquals(200, send("orders/cancelled", cancelled).statusCode());
        Map<String, Object> row = orderRow(id);
        assertEquals("cancelled", row.get("display_status"));
        assertNotNull(row.get("cancelled_at"));
        assertEquals("refunded", row.get("financial_status"));
    }

    @Test
    void deleteRemovesTheOrderAndALateUpdateCannotBringItBack() {
        long id = nextOrderId();
        assertEquals(200, send("orders/create", Orders.order(id, 42, t0)).statusCode());
        assertEquals(200, send("orders/delete", Map.of("id", id)).statusCode());
        Map<String, Object> row = orderRow(id);
        assertNull(row.get("customer_id"));
        assertNull(row.get("email"));
        assertNotNull(row.get("deleted_at"));
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM order_line_items WHERE order_pk = ?", row.get("id")));
        assertEquals(200, send("orders/updated", Orders.order(id, 42, t0.plusSeconds(999))).statusCode());
        assertNull(orderRow(id).get("customer_id"));
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM drawer_orders WHERE order_id = ?", id),
                "off the drawer's list, and a late update does not put it back");
    }

    @Test
    void theDrawerListFollowsTheOrdersCustomerAndState() {
        long id = nextOrderId();
        assertEquals(200, send("orders/create", Orders.order(id, 42, t0)).statusCode());
        long shopId = shops.find(shop).orElseThrow().id();
        assertEquals(List.of(id), DrawerList.orderIds(database, shopId, 42));
        assertEquals("unfulfilled", Sql.one(database, "SELECT display_status FROM drawer_orders WHERE order_id = ?", id)
                .get("display_status"));
        assertEquals(200, send("fulfillments/create", Orders.fulfillment(91, id, "success", "delivered", t0.plusSeconds(5)))
                .statusCode());
        assertEquals("delivered", Sql.one(database, "SELECT display_status FROM drawer_orders WHERE order_id = ?", id)
                .get("display_status"), "a fulfillment on its own updates the list");

        // The order passes to another customer: it leaves the first one's list.
        assertEquals(200, send("orders/updated", Orders.order(id, 43, t0.plusSeconds(10))).statusCode());
        assertEquals(List.of(), DrawerList.orderIds(database, shopId, 42));
        assertEquals(List.of(id), DrawerList.orderIds(database, shopId, 43));
        DrawerList.assertInStep(database, shopId);

        // No customer any more (a guest order): on nobody's list; an older delivery changes nothing.
        Map<String, Object> guest = Orders.order(id, 43, t0.plusSeconds(20));
        guest.put("customer", null);
        assertEquals(200, send("orders/updated", guest).statusCode());
        assertEquals(List.of(), DrawerList.orderIds(database, shopId, 43));
        assertEquals(200, send("orders/updated", Orders.order(id, 42, t0.plusSeconds(15))).statusCode());
        assertEquals(List.of(), DrawerList.orderIds(database, shopId, 42));
        DrawerList.assertInStep(database, shopId);
    }

    @Test
    void newHeaderFamilyIsAccepted() {
        long id = nextOrderId();
        var request = WebhookDeliveryRequest.of("orders/create", shop, Orders.order(id, 42, t0)).newHeaderFamily();
        assertEquals(200, request.send(base()).statusCode());
        assertEquals(1, deliveries(request.id()));
        assertEquals(42L, ((Number) orderRow(id).get("customer_id")).longValue());
    }

    @Test
    void concurrentDuplicateDeliveriesApplyOnce() throws Exception {
        long id = nextOrderId();
        var payload = Orders.withFulfillments(Orders.order(id, 42, t0), "fulfilled",
                Orders.fulfillment(3, id, "success", "delivered", t0));
        String webhookId = "concurrent-" + id;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> WebhookDeliveryRequest.of("orders/updated", shop, payload).id(webhookId).send(base()).statusCode());
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, deliveries(webhookId));
        assertEquals(1L, Sql.count(database, "SELECT COUNT(*) FROM orders o JOIN shops s ON s.id = o.shop_id WHERE s.domain = ? AND o.order_id = ?", shop.value(), id));
        assertEquals(1L, Sql.count(database, "SELECT COUNT(*) FROM fulfillments WHERE order_pk = ?", orderRow(id).get("id")));
        assertEquals(5L, Sql.count(database, "SELECT COUNT(*) FROM order_line_items WHERE order_pk = ?", orderRow(id).get("id")));
    }

    @Test
    void concurrentDeliveriesOfOneNewOrderNeverDuplicateIt() throws Exception {
        long id = nextOrderId();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Instant at = t0.plusSeconds(i);
                calls.add(() -> send("orders/updated", Orders.order(id, 42, at)).statusCode());
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(toLocal(java.time.LocalDateTime.ofInstant(t0.plusSeconds(5), java.time.ZoneOffset.UTC)),
                toLocal(orderRow(id).get("shopify_updated_at")), "the newest of the burst wins");
    }

    private static java.time.LocalDateTime toLocal(Object value) {
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toLocalDateTime();
        }
        return (java.time.LocalDateTime) value;
    }
}
