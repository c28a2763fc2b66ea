package com.returnsdrawer.compliance;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shop.Shop;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.WebhookDelivery;
import com.returnsdrawer.support.AdminApi;
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

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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

        awaitErased(shop);
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM orders WHERE shop_id = ?", shopId));
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM drawer_orders WHERE shop_id = ?", shopId));
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM settings WHERE shop_id = ?", shopId));
        assertEquals(1L, Sql.count(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE shop_domain = ?", shop.value()),
                "only the shop/redact delivery itself remains");
        assertEquals(List.of(ComplianceKind.SHOP_REDACT), compliance.list(shop).stream().map(ComplianceStore.Request::kind).toList());
    }

    @Test
    @SuppressWarnings("unchecked")
    void customersRedactLeavesNothingOfTheCustomerInAnyTable() throws Exception {
        long customer = 8_765_432_109L;
        String email = "redact-" + shop.handle() + "@example.com";
        Map<String, Object> order = Orders.order(601, customer, now);
        order.put("email", email);
        ((Map<String, Object>) order.get("customer")).put("email", email);
        assertEquals(200, send("orders/create", order));
        assertEquals(200, send("orders/create", Orders.order(602, 7002, now)));
        long shopId = shops.find(shop).orElseThrow().id();
        database.withConnection(c -> c.createStatement().executeUpdate(
                "INSERT INTO return_clicks (shop_id, order_id, customer_id, provider, clicked_at) VALUES ("
                        + shopId + ", 601, " + customer + ", 'loop', '2026-11-01 00:00:00')"));
        assertEquals(200, send("customers/data_request", customerPayload("customers_data_request.json", customer, List.of(601L))));
        // Kept for inspection: an order body cut short, and a topic the app does not handle naming only the email.
        String cut = "{\"id\": 603, \"customer\": {\"id\": " + customer + ", \"email\": \"" + email + "\"";
        assertEquals(200, WebhookDeliveryRequest.of("orders/create", shop, cut.getBytes(StandardCharsets.UTF_8)).send(server.getURI()).statusCode());
        assertEquals(200, send("customers/update", Map.of("note", "contact " + email.toUpperCase())));
        var otherCustomersBody = WebhookDeliveryRequest.of("orders/create", shop,
                "{\"id\": 604, \"customer\": {\"id\": 7002".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, otherCustomersBody.send(server.getURI()).statusCode());
        assertTrue(mentions(customer, email).size() > 3, "the customer is held in several tables before: " + mentions(customer, email));

        Map<String, Object> redact = customerPayload("customers_redact.json", customer, List.of(601L));
        ((Map<String, Object>) redact.get("customer")).put("email", email);
        assertEquals(200, send("customers/redact", redact));

        assertEquals(List.of("compliance_requests.customer_id", "compliance_requests.customer_id"), mentions(customer, email),
                "only the two requests themselves still name the customer");
        assertNotNull(Sql.one(database, "SELECT body FROM webhook_deliveries WHERE webhook_id = ?", otherCustomersBody.id()).get("body"),
                "another customer's kept body stays");
        HttpResponse<String> listed = AdminApi.get(server.getURI(), shop, "/api/compliance/requests");
        assertEquals(200, listed.statusCode());
        List<Map<String, Object>> requests = Json.readList(listed.body());
        assertEquals(List.of("customers_redact", "customers_data_request"), requests.stream().map(r -> r.get("kind")).toList(),
                "newest first");
        assertEquals(false, requests.get(1).get("has_export"));
        assertEquals(404, AdminApi.get(server.getURI(), shop, "/api/compliance/requests/" + requests.get(1).get("id")).statusCode());
    }

    /** Every table.column holding the customer's id (as a whole number) or email, one entry per row and column. */
    private List<String> mentions(long customerId, String email) throws Exception {
        Pattern id = Pattern.compile("(?<![0-9])" + customerId + "(?![0-9])");
        List<String> found = new ArrayList<>();
        database.withConnection(c -> {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertTrue(tables.stream().anyMatch(t -> t.equalsIgnoreCase("webhook_deliveries")), tables.toString());
            for (String table : tables) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            Object value = rs.getObject(i);
                            String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                                    : value instanceof java.sql.Blob blob ? new String(blob.getBytes(1, (int) blob.length()), StandardCharsets.UTF_8)
                                    : value instanceof java.sql.Clob clob ? clob.getSubString(1, (int) clob.length())
                                    : String.valueOf(value);
                            if (id.matcher(text).find() || text.toLowerCase().contains(email.toLowerCase())) {
                                found.add(table.toLowerCase() + "." + meta.getColumnName(i).toLowerCase());
                            }
                        }
                    }
                }
            }
            return null;
        });
        return found;
    }

    @Test
    void aBodyNamingAnotherShopThanItsHeaderIs400AndChangesNothing() {
        assertEquals(200, send("orders/create", Orders.order(701, 7701, now)));
        long shopId = shops.find(shop).orElseThrow().id();
        String other = TestShops.unique("compliance-other").value();
        Map<String, Object> uninstalled = Json.fixture("app_uninstalled.json");
        uninstalled.put("myshopify_domain", other);
        Map<String, Object> dataRequest = customerPayload("customers_data_request.json", 7701, List.of(701L));
        dataRequest.put("shop_domain", other);
        Map<String, Object> redact = customerPayload("customers_redact.json", 7701, List.of(701L));
        redact.put("shop_domain", other);
        Map<String, Object> deliveries = Map.of(
                "shop/redact", Map.of("shop_id", 1, "shop_domain", other),
                "app/uninstalled", uninstalled,
                "customers/data_request", dataRequest,
                "customers/redact", redact);
        deliveries.forEach((topic, body) -> {
            var request = WebhookDeliveryRequest.of(topic, shop, body);
            assertEquals(400, request.send(server.getURI()).statusCode(), topic);
            assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = ?", request.id()), topic);
        });
        assertTrue(shops.find(shop).orElseThrow().installed());
        assertEquals(1, orders(7701));
        assertEquals(List.of(), compliance.list(shop));

        // The uninstall's "domain" may be the shop's own custom domain: only myshopify_domain must match.
        uninstalled.put("myshopify_domain", shop.value().toUpperCase());
        uninstalled.put("domain", "shop.example.com");
        assertEquals(200, send("app/uninstalled", uninstalled));
        assertFalse(shops.find(shop).orElseThrow().installed());
        assertEquals(shopId, shops.find(shop).orElseThrow().id());
    }

    /** The background erasure of shop/redact ends with the shop row gone. */
    private void awaitErased(ShopDomain domain) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (shops.find(domain).isPresent()) {
            assertTrue(System.nanoTime() < deadline, "the shop was not erased within 30 s");
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
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
        var payload = new ComplianceWebhooks.CustomerPayload(shop.value(), new ComplianceWebhooks.Customer(9001L, null, null), null, List.of(901L), null);
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
            shopRedact.apply(c, delivery(held, "shop/redact"), new ComplianceWebhooks.ShopPayload(shop.value()));
            throw new IllegalStateException("the delivery's record could not be written");
        }));
        assertNothingChanged(held);

        database.inTransaction(c -> {
            shopRedact.apply(c, delivery(held, "shop/redact"), new ComplianceWebhooks.ShopPayload(shop.value()));
            return null;
        });
        awaitErased(shop);
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = ?",
                held.orderWebhookId()));
        assertEquals(List.of(ComplianceKind.SHOP_REDACT),
                compliance.list(shop).stream().map(ComplianceStore.Request::kind).toList());
    }
}
