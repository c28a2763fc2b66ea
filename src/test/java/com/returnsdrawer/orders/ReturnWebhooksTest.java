package com.returnsdrawer.orders;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.WebhookDelivery;
import com.returnsdrawer.support.Json;
import com.returnsdrawer.support.Orders;
import com.returnsdrawer.support.ShopifySigner;
import com.returnsdrawer.support.Sql;
import com.returnsdrawer.support.TestShops;
import com.returnsdrawer.support.WebhookDeliveryRequest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The returns/* topics through {@code POST /webhooks} with Shopify's sample payloads, and what the drawer then shows
 * ({@code ORDER.returns}, the words on the pages).
 */
@MicronautTest(transactional = false)
class ReturnWebhooksTest {

    /** The return and the order Shopify's six samples share. */
    private static final long RETURN = 123134564567890L;
    private static final long ORDER = 4783296544821L;
    private static final long CUSTOMER = 115310627314723954L;

    @Inject
    EmbeddedServer server;
    @Inject
    Database database;
    @Inject
    ShopStore shops;
    @Inject
    ReturnWebhooks handler;

    private final ShopDomain shop = TestShops.unique("returns");
    /** Whole seconds: MariaDB keeps no fractions through Connector/J. */
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
    private final HttpClient http = HttpClient.newHttpClient();

    private int send(String topic, Object payload, Instant triggeredAt) {
        return WebhookDeliveryRequest.of(topic, shop, payload).triggeredAt(triggeredAt).send(server.getURI()).statusCode();
    }

    /** The sample of a topic ({@code returns/approve} → {@code returns_approve.json}), unchanged. */
    private static Map<String, Object> sample(String topic) {
        return Json.fixture(topic.replace('/', '_') + ".json");
    }

    private long shopId() {
        return shops.find(shop).orElseThrow().id();
    }

    private List<Map<String, Object>> stored() {
        return Sql.rows(database, "SELECT return_id, order_id, status FROM order_returns WHERE shop_id = ? ORDER BY return_id",
                shopId());
    }

    private String status(long returnId) {
        return (String) Sql.one(database, "SELECT status FROM order_returns WHERE shop_id = ? AND return_id = ?",
                shopId(), returnId).get("status");
    }

    private HttpResponse<String> proxy(String path, Map<String, String> params) {
        String query = ShopifySigner.proxyQuery(ShopifySigner.SECRET, shop, CUSTOMER, "/apps/returns-drawer", params);
        try {
            return http.send(HttpRequest.newBuilder(URI.create(server.getURI() + "/proxy" + path + "?" + query)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> returnsOf(long orderId) {
        HttpResponse<String> response = proxy("/orders/" + orderId, Map.of("format", "json"));
        assertEquals(200, response.statusCode(), response.body());
        return (List<Map<String, Object>>) Json.read(response.body().getBytes(StandardCharsets.UTF_8)).get("returns");
    }

    private void orderArrives(long orderId) {
        assertEquals(200, send("orders/create", Orders.order(orderId, CUSTOMER, t0), t0));
    }

    @Test
    void everySampleIsReadAndTheLifecycleInOrderEndsWhereShopifyEndedIt() {
        orderArrives(ORDER);
        List<String> topics = List.of("returns/request", "returns/approve", "returns/decline", "returns/reopen",
                "returns/cancel", "returns/close");
        List<String> expected = List.of("requested", "open", "declined", "open", "canceled", "closed");
        for (int i = 0; i < topics.size(); i++) {
            assertEquals(200, send(topics.get(i), sample(topics.get(i)), t0.plusSeconds(i + 1)));
            assertEquals(List.of(Map.of("id", Long.toString(RETURN), "status", expected.get(i))), returnsOf(ORDER),
                    "after " + topics.get(i));
        }
        assertEquals(1, stored().size());
        assertEquals(ORDER, ((Number) stored().get(0).get("order_id")).longValue(), "order.id and order_id name the same order");
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE shop_domain = ? AND outcome <> 'processed'",
                shop.value()), "no sample was set aside as unreadable");
    }

    @Test
    void reversedDeliveriesLeaveTheNewestState() {
        orderArrives(ORDER);
        assertEquals(200, send("returns/close", sample("returns/close"), t0.plusSeconds(30)));
        assertEquals(200, send("returns/approve", sample("returns/approve"), t0.plusSeconds(20)));
        assertEquals(200, send("returns/request", sample("returns/request"), t0.plusSeconds(10)));
        assertEquals("closed", status(RETURN));
        assertEquals(List.of(Map.of("id", Long.toString(RETURN), "status", "closed")), returnsOf(ORDER));
    }

    @Test
    void duplicatesAndEquallyNewDeliveriesChangeNothing() {
        orderArrives(ORDER);
        WebhookDeliveryRequest approve = WebhookDeliveryRequest.of("returns/approve", shop, sample("returns/approve"))
                .triggeredAt(t0.plusSeconds(5));
        assertEquals(200, approve.send(server.getURI()).statusCode());
        assertEquals(200, approve.send(server.getURI()).statusCode(), "the same delivery again");
        assertEquals(200, send("returns/approve", sample("returns/approve"), t0.plusSeconds(5)),
                "the same statement under another delivery id");
        assertEquals(1, stored().size());
        assertEquals("open", status(RETURN));
        assertEquals(1L, Sql.count(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = ?", approve.id()));
    }

    @Test
    void aReturnForAnOrderNotSeenYetIsKeptAndShownOnceTheOrderArrives() {
        assertEquals(200, send("returns/request", sample("returns/request"), t0.plusSeconds(1)));
        assertEquals(200, send("returns/approve", sample("returns/approve"), t0.plusSeconds(2)));
        assertEquals("open", status(RETURN), "kept without its order");
        assertEquals(404, proxy("/orders/" + ORDER, Map.of("format", "json")).statusCode());

        orderArrives(ORDER);
        assertEquals(List.of(Map.of("id", Long.toString(RETURN), "status", "open")), returnsOf(ORDER));
    }

    @Test
    void gidsAndNumbersAreBothReadAndAnOrdersReturnsAreOldestFirst() {
        long order = 5_000_000_001L;
        orderArrives(order);
        assertEquals(List.of(), returnsOf(order), "[] when there is none");
        Map<String, Object> later = new LinkedHashMap<>();
        later.put("id", "gid://shopify/Return/9002");
        later.put("status", "requested");
        later.put("order", Map.of("id", "gid://shopify/Order/" + order));
        assertEquals(200, send("returns/request", later, t0.plusSeconds(1)));
        Map<String, Object> earlier = new LinkedHashMap<>(sample("returns/close"));
        earlier.put("id", 9001);
        earlier.put("order_id", order);
        assertEquals(200, send("returns/close", earlier, t0.plusSeconds(2)));
        assertEquals(List.of(Map.of("id", "9001", "status", "closed"), Map.of("id", "9002", "status", "requested")),
                returnsOf(order));
    }

    @Test
    void aPayloadWithoutOrderOrWithAnUnknownStatusIsKeptForInspection() {
        assertEquals(200, send("returns/request", Map.of("id", 77, "status", "requested"), t0));
        assertEquals(200, send("returns/request", Map.of("id", 78, "status", "lost", "order_id", ORDER), t0));
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM order_returns WHERE shop_id = ?", shopId()));
        assertEquals(2L, Sql.count(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE shop_domain = ? AND outcome = 'unparseable'",
                shop.value()));
        assertThrows(IOException.class, () -> handler.parse("[]".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aGroupCommittedTogetherKeepsTheNewestOfEachReturnWhateverTheListOrder() throws Exception {
        orderArrives(ORDER);
        long shopId = shopId();
        List<WebhookDelivery> deliveries = List.of(
                new WebhookDelivery(shopId, shop, "returns/close", "g1", t0.plusSeconds(30), t0),
                new WebhookDelivery(shopId, shop, "returns/request", "g2", t0.plusSeconds(10), t0),
                new WebhookDelivery(shopId, shop, "returns/approve", "g3", t0.plusSeconds(20), t0));
        List<ReturnWebhooks.ReturnPayload> payloads = List.of(
                handler.parse(Json.fixtureBytes("returns_close.json")),
                handler.parse(Json.fixtureBytes("returns_request.json")),
                handler.parse(Json.fixtureBytes("returns_approve.json")));
        database.inTransaction(c -> {
            handler.applyAll(c, deliveries, payloads);
            return null;
        });
        assertEquals("closed", status(RETURN));
        database.inTransaction(c -> {
            handler.applyAll(c, List.of(deliveries.get(1)), List.of(payloads.get(1)));
            return null;
        });
        assertEquals("closed", status(RETURN), "an older statement in a later group changes nothing");
    }

    @Test
    void theDetailPagesShowEachReturnInTheShoppersLanguage() {
        orderArrives(ORDER);
        assertEquals(200, send("returns/request", sample("returns/request"), t0.plusSeconds(1)));
        String english = proxy("/orders/" + ORDER, Map.of("format", "html", "locale", "en")).body();
        assertTrue(english.contains("<li class=\"rd-return rd-return--requested\">Return requested</li>"), english);
        assertEquals(200, send("returns/approve", sample("returns/approve"), t0.plusSeconds(2)));
        String german = proxy("/orders/" + ORDER, Map.of("format", "html", "locale", "de")).body();
        assertTrue(german.contains("<li class=\"rd-return rd-return--open\">Rücksendung in Bearbeitung</li>"), german);
        assertFalse(german.contains("Return requested"), german);
        assertEquals(200, send("returns/close", sample("returns/close"), t0.plusSeconds(3)));
        String liquid = proxy("/orders/" + ORDER, Map.of("locale", "fr")).body();
        assertTrue(liquid.contains("rd-return--closed\">Retourn&#233;</li>"), liquid);
    }

    @Test
    void theListsJsonCarriesEachOrdersReturns() {
        orderArrives(ORDER);
        orderArrives(ORDER + 1);
        assertEquals(200, send("returns/decline", sample("returns/decline"), t0.plusSeconds(1)));
        HttpResponse<String> response = proxy("/orders", Map.of("format", "json"));
        assertEquals(200, response.statusCode(), response.body());
        Map<String, List<?>> byOrder = new LinkedHashMap<>();
        for (Object o : (List<?>) Json.read(response.body().getBytes(StandardCharsets.UTF_8)).get("orders")) {
            Map<?, ?> order = (Map<?, ?>) o;
            byOrder.put((String) order.get("id"), (List<?>) order.get("returns"));
        }
        assertEquals(List.of(Map.of("id", Long.toString(RETURN), "status", "declined")), byOrder.get(Long.toString(ORDER)));
        assertEquals(List.of(), byOrder.get(Long.toString(ORDER + 1)));
    }

    @Test
    void customersRedactErasesTheReturnsOfTheRedactedOrdersOnly() {
        orderArrives(ORDER);
        long other = 6_000_000_001L;
        assertEquals(200, send("orders/create", Orders.order(other, 42, t0), t0));
        assertEquals(200, send("returns/request", sample("returns/request"), t0.plusSeconds(1)));
        assertEquals(200, send("returns/request", Map.of("id", 501, "status", "requested", "order_id", other), t0.plusSeconds(1)));
        long unseen = 7_000_000_001L;
        assertEquals(200, send("returns/request", Map.of("id", 502, "status", "requested", "order_id", unseen), t0.plusSeconds(1)));

        Map<String, Object> redact = Json.fixture("customers_redact.json");
        redact.put("shop_domain", shop.value());
        redact.put("customer", Map.of("id", CUSTOMER));
        redact.put("orders_to_redact", List.of(unseen));
        assertEquals(200, send("customers/redact", redact, Instant.now()));

        assertEquals(List.of(501L), stored().stream().map(r -> ((Number) r.get("return_id")).longValue()).toList(),
                "the customer's order and the named order lose their returns; another customer's keeps its");
    }

    @Test
    void shopRedactErasesEveryReturnOfTheShop() {
        assertEquals(200, send("returns/request", sample("returns/request"), t0));
        long shopId = shopId();
        assertEquals(200, WebhookDeliveryRequest.of("shop/redact", shop, Map.of("shop_id", 1, "shop_domain", shop.value()))
                .send(server.getURI()).statusCode());
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM order_returns WHERE shop_id = ?", shopId));
    }
}
