package com.returnsdrawer.compliance;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shop.Shop;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.WebhookDelivery;
import com.returnsdrawer.support.DrawerList;
import com.returnsdrawer.support.Json;
import com.returnsdrawer.support.Orders;
import com.returnsdrawer.support.Sql;
import com.returnsdrawer.support.TestShops;
import com.returnsdrawer.support.WebhookDeliveryRequest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compliance topics through {@code POST /webhooks}, and each delivery as one unit of work: whichever owner
 * wrote, a failure leaves nothing behind.
 */
@MicronautTest(transactional = false)
class ComplianceWebhooksTest {


    @Inject
    EmbeddedServer server;
    @Inject
    Database database;
    @Inject
    ShopStore shops;
    @Inject
    ComplianceStore compliance;
    @Inject
    ComplianceWebhooks.CustomersRedact customersRedact;
    @Inject
    ComplianceWebhooks.ShopRedact shopRedact;

    private final ShopDomain shop = TestShops.unique("compliance");
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private int send(String topic, Object payload, Instant triggeredAt) {
        return WebhookDeliveryRequest.of(topic, shop, payload).triggeredAt(triggeredAt).send(server.getURI()).statusCode();
    }

    private int send(String topic, Object payload) {
        return send(topic, payload, Instant.now());
    }

    private long orders(long customerId) {
        return Sql.count(database, "SELECT COUNT(*) FROM orders o JOIN shops s ON s.id = o.shop_id WHERE s.domain = ? AND o.customer_id = ?",
                shop.value(), customerId);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> customerPayload(String fixture, long customerId, List<Long> orderIds) {
        Map<String, Object> payload = Json.fixture(fixture);
        payload.put("shop_domain", shop.value());
        ((Map<String, Object>) payload.get("customer")).put("id", customerId);
        payload.put(fixture.contains("redact") ? "orders_to_redact" : "orders_requested", orderIds);
        return payload;
    }

    @Test
    void dataRequestBuildsAnExportOfWhatIsHeldAboutTheCustomer() {
        assertEquals(200, send("orders/create", Orders.withFulfillments(Orders.order(201, 6001, now), "fulfilled",
                Orders.fulfillment(301, 201, "success", "delivered", now))));
        assertEquals(200, send("orders/create", Orders.order(202, 6002, now)));
        assertEquals(200, send("customers/data_request", customerPayload("customers_data_request.json", 6001, List.of(201L))));

        List<ComplianceStore.Request> requests = compliance.list(shop);
        assertEquals(1, requests.size());
        assertEquals(ComplianceKind.CUSTOMERS_DATA_REQUEST, requests.get(0).kind());
        assertEquals("9999", requests.get(0).requestRef());
        String export = compliance.export(shop, requests.get(0).id()).orElseThrow();
        Map<String, Object> parsed = Json.read(export.getBytes());
        assertEquals("6001", parsed.get("customer_id"));
        List<?> orders = (List<?>) parsed.get("orders");
        assertEquals(1, orders.size(), export);
        assertTrue(export.contains("\"201\"") && export.contains("Aviator sunglasses") && export.contains("1z827wk74630"), export);
        assertFalse(export.contains("\"202\""), "another customer's order is not in the export");
    }

    @Test
    void customersRedactDeletesThatCustomersOrdersAndClicksOnly() {
        assertEquals(200, send("orders/create", Orders.order(401, 7001, now)));
        assertEquals(200, send("orders/create", Orders.order(402, 7002, now)));
        long shopId = shops.find(shop).orElseThrow().id();
        database.withConnection(c -> c.createStatement().executeUpdate(
                "INSERT INTO return_clicks (shop_id, order_id, customer_id, provider, clicked_at) VALUES ("
                        + shopId + ", 401, 7001, 'loop', '2026-11-01 00:00:00')"));

        assertEquals(List.of(401L), DrawerList.orderIds(database, shopId, 7001));

        assertEquals(200, send("customers/redact", customerPayload("customers_redact.json", 7001, List.of(401L))));
        assertEquals(0, orders(7001));
        assertEquals(1, orders(7002));
        assertEquals(List.of(), DrawerList.orderIds(database, shopId, 7001), "off the drawer's list too");
        assertEquals(List.of(402L), DrawerList.orderIds(database, shopId, 7002));
        DrawerList.assertInStep(database, shopId);
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM return_clicks WHERE shop_id = ? AND customer_id = 7001", shopId));
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM orders WHERE shop_id = ? AND email IS NOT NULL AND order_id = 401", shopId));
    }

    @Test
    void shopRedactDeletesEverythingAboutTheShopEvenAfterUninstall() {
        assertEquals(200, send("orders/create", Orders.order(501, 8001, now)));
        long shopId = shops.find(shop).orElseThrow().id();
        assertEquals(List.of(501L), DrawerList.orderIds(database, shopId, 8001));
        database.withConnection(c -> c.createStatement().executeUpdate(
                "INSERT INTO settings (shop_id, provider, portal_url, enabled, return_trigger, updated_at) VALUES ("
                        + shopId + ", 'loop', 'https://x.loopreturns.com', TRUE, 'delivered', '2026-11-01 00:00:00')"));
        assertEquals(200, send("app/uninstalled", Json.fixture("app_uninstalled.json")));
        var redact = WebhookDeliveryRequest.of("shop/redact", shop, Map.of("shop_id", 954889, "shop_domain", shop.value()));
        assertEquals(200, redact.send(server.getURI()).statusCode());

        assertTrue(shops.find(shop).isEmpty());
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM orders WHERE shop_id = ?", shopId));
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM drawer_orders WHERE shop_id = ?", shopId));
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM settings WHERE shop_id = ?", shopId));
        assertEquals(1L, Sql.count(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE shop_domain = ?", shop.value()),
                "only the shop/redact delivery itself remains");
        assertEquals(List.of(ComplianceKind.SHOP_REDACT), compliance.list(shop).stream().map(ComplianceStore.Request::kind).toList());
    }

    /** An order with a click, and a data request: what a failed unit must leave as it was. */
    private record Held(Shop shop, String orderWebhookId) {
    }

    private Held anOrderAClickAndARequest() {
        var order = WebhookDeliveryRequest.of("orders/create", shop, Orders.order(901, 9001, now));
        assertEquals(200, order.send(server.getURI()).statusCode());
        Shop known = shops.find(shop).orElseThrow();
        database.withConnection(c -> c.createStatement().executeUpdate(
                "INSERT INTO return_clicks (shop_id, order_id, customer_id, provider, clicked_at) VALUES ("
                        + known.id() + ", 901, 9001, 'loop', '2026-11-01 00:00:00')"));
        compliance.record(shop, ComplianceKind.CUSTOMERS_DATA_REQUEST, "1", 9001L, now, "{}");
        return new Held(known, order.id());
    }

    private WebhookDelivery delivery(Held held, String topic) {
        return new WebhookDelivery(held.shop().id(), shop, topic, "unit-" + topic + "-" + now.toEpochMilli(), now, now);
    }

    private void assertNothingChanged(Held held) {
        long shopId = held.shop().id();
        assertEquals(1L, Sql.count(database,
                "SELECT COUNT(*) FROM orders WHERE shop_id = ? AND order_id = 901 AND email IS NOT NULL", shopId));
        assertEquals(List.of(901L), DrawerList.orderIds(database, shopId, 9001));
        assertEquals(1L, Sql.count(database, "SELECT COUNT(*) FROM return_clicks WHERE shop_id = ?", shopId));
        assertEquals(List.of(ComplianceKind.CUSTOMERS_DATA_REQUEST),
                compliance.list(shop).stream().map(ComplianceStore.Request::kind).toList());
        assertEquals(1L, Sql.count(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = ?",
                held.orderWebhookId()));
        assertTrue(shops.find(shop).isPresent());
    }

    @Test
    void aFailedCustomersRedactLeavesTheOrdersClicksAndRequestsAsTheyWere() {
        Held held = anOrderAClickAndARequest();
        var payload = new ComplianceWebhooks.CustomerPayload(new ComplianceWebhooks.Customer(9001L), null, List.of(901L), null);
        assertThrows(IllegalStateException.class, () -> database.inTransaction(c -> {
            customersRedact.apply(c, delivery(held, "customers/redact"), payload);
            throw new IllegalStateException("the delivery's record could not be written");
        }));
        assertNothingChanged(held);

        database.inTransaction(c -> {
            customersRedact.apply(c, delivery(held, "customers/redact"), payload);
            return null;
        });
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM return_clicks WHERE shop_id = ?", held.shop().id()));
        assertEquals(2, compliance.list(shop).size(), "the same unit, committed, does redact");
    }

    @Test
    void aFailedShopRedactLeavesTheShopAndEverythingItHoldsAsItWas() {
        Held held = anOrderAClickAndARequest();
        assertThrows(IllegalStateException.class, () -> database.inTransaction(c -> {
            shopRedact.apply(c, delivery(held, "shop/redact"), Boolean.TRUE);
            throw new IllegalStateException("the delivery's record could not be written");
        }));
        assertNothingChanged(held);

        database.inTransaction(c -> {
            shopRedact.apply(c, delivery(held, "shop/redact"), Boolean.TRUE);
            return null;
        });
        assertTrue(shops.find(shop).isEmpty());
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = ?",
                held.orderWebhookId()));
        assertEquals(List.of(ComplianceKind.SHOP_REDACT),
                compliance.list(shop).stream().map(ComplianceStore.Request::kind).toList());
    }
}
