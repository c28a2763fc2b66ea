package com.returnsdrawer.proxy;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.orders.FulfillmentSnapshot;
import com.returnsdrawer.orders.OrderSnapshot;
import com.returnsdrawer.orders.OrderWriter;
import com.returnsdrawer.shop.Shop;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.support.AdminApi;
import com.returnsdrawer.support.Json;
import com.returnsdrawer.support.ShopifySigner;
import com.returnsdrawer.support.Sql;
import com.returnsdrawer.support.TestDatabase;
import com.returnsdrawer.support.TestShops;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.scheduling.TaskExecutors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyControllerTest {

    private static final String PREFIX = "/apps/returns-drawer";
    private static final long ALICE = 1001;
    private static final long BOB = 2002;

    private EmbeddedServer a;
    private EmbeddedServer b;
    private Database database;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeAll
    void start() {
        a = ApplicationContext.run(EmbeddedServer.class, TestDatabase.properties(), "test");
        b = ApplicationContext.run(EmbeddedServer.class, TestDatabase.properties(), "test");
        database = a.getApplicationContext().getBean(Database.class);
    }

    @AfterAll
    void stop() {
        a.close();
        b.close();
    }

    /** A shop with Alice's orders: delivered, in transit, unfulfilled, cancelled; Bob has one delivered order. */
    private record Fixture(ShopDomain shop, Shop row, long delivered, long inTransit, long unfulfilled, long cancelled, long bobs) {
    }

    private Fixture fixture(String provider, String portalUrl) {
        ShopDomain domain = TestShops.unique("proxy");
        Shop shop = a.getApplicationContext().getBean(ShopStore.class).findOrCreate(domain, now);
        long base = Math.abs(domain.hashCode()) * 100L;
        OrderWriter writer = a.getApplicationContext().getBean(OrderWriter.class);
        database.inTransaction(c -> {
            writer.apply(c, shop.id(), order(base + 1, ALICE, "#1001", now.minus(Duration.ofDays(9)), null, "paid",
                    List.of(fulfillment(base + 1, "delivered", now.minus(Duration.ofDays(5))))), now);
            writer.apply(c, shop.id(), order(base + 2, ALICE, "#1002", now.minus(Duration.ofDays(3)), null, "paid",
                    List.of(fulfillment(base + 2, "in_transit", now.minus(Duration.ofDays(1))))), now);
            writer.apply(c, shop.id(), order(base + 3, ALICE, "#1003", now.minus(Duration.ofDays(1)), null, "paid", List.of()), now);
            writer.apply(c, shop.id(), order(base + 4, ALICE, "#1004", now.minus(Duration.ofDays(20)), now.minus(Duration.ofDays(19)),
                    "refunded", List.of()), now);
            writer.apply(c, shop.id(), order(base + 5, BOB, "#1005", now.minus(Duration.ofDays(8)), null, "paid",
                    List.of(fulfillment(base + 5, "delivered", now.minus(Duration.ofDays(4))))), now);
            return null;
        });
        if (provider != null) {
            saveSettings(a, domain, provider, portalUrl, true, null);
        }
        return new Fixture(domain, shop, base + 1, base + 2, base + 3, base + 4, base + 5);
    }

    private static OrderSnapshot order(long id, long customer, String name, Instant created, Instant cancelled, String financial,
                                       List<FulfillmentSnapshot> fulfillments) {
        return new OrderSnapshot(id, customer, name, Long.parseLong(name.substring(1)), "jon@example.com", "40003", "en",
                financial, fulfillments.isEmpty() ? null : "fulfilled", "404.95", "USD", created, created.plusSeconds(60), cancelled,
                List.of(new OrderSnapshot.LineItem(id * 10, "Aviator sunglasses", "Gold", 2, "89.99", 555L, 777L, null),
                        new OrderSnapshot.LineItem(id * 10 + 1, "Gift card", null, 1, "25.00", null, 778L, null)),
                fulfillments);
    }

    private static FulfillmentSnapshot fulfillment(long orderId, String shipment, Instant at) {
        return new FulfillmentSnapshot(orderId * 7, orderId, "success", shipment,
                List.of(new FulfillmentSnapshot.Tracking("UPS", "1Z999", "https://ups.example/1Z999")), at.minus(Duration.ofDays(1)), at, null);
    }

    private void saveSettings(EmbeddedServer server, ShopDomain shop, String provider, String url, boolean enabled, Integer window) {
        Map<String, Object> body = new HashMap<>();
        body.put("provider", provider);
        body.put("portal_url", url);
        body.put("enabled", enabled);
        body.put("return_window_days", window);
        body.put("support_email", "help@shop.example");
        HttpResponse<String> response = AdminApi.put(server.getURI(), shop, "/api/settings", new String(Json.bytes(body)));
        assertEquals(200, response.statusCode(), response.body());
    }

    private HttpResponse<String> proxy(EmbeddedServer server, String path, ShopDomain shop, Long customer, Map<String, String> params) {
        return proxy(server, path, shop, customer, params, PREFIX, null);
    }

    private HttpResponse<String> proxy(EmbeddedServer server, String path, ShopDomain shop, Long customer, Map<String, String> params,
                                       String prefix, String acceptLanguage) {
        String query = ShopifySigner.proxyQuery(ShopifySigner.SECRET, shop, customer, prefix, params);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI() + "/proxy" + path + "?" + query));
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void assertNoStore(HttpResponse<String> response) {
        assertEquals("private, no-store", response.headers().firstValue("Cache-Control").orElse(null), response.uri().toString());
    }

    @Test
    void listAsJsonIsTheCustomersOrdersNewestFirstWithTheContractShape() {
        Fixture f = fixture("loop", "https://acme.loopreturns.com/#/");
        HttpResponse<String> response = proxy(a, "/orders", f.shop(), ALICE, Map.of("format", "json"));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertNoStore(response);
        Map<String, Object> page = Json.read(response.body().getBytes());
        assertEquals(String.valueOf(ALICE), page.get("customer_id"));
        assertEquals(1, page.get("page"));
        assertEquals(false, page.get("has_more"));
        List<Map<String, Object>> orders = (List<Map<String, Object>>) page.get("orders");
        assertEquals(List.of(String.valueOf(f.unfulfilled()), String.valueOf(f.inTransit()), String.valueOf(f.delivered()),
                String.valueOf(f.cancelled())), orders.stream().map(o -> o.get("id")).toList());
        Map<String, Object> delivered = orders.get(2);
        assertEquals("#1001", delivered.get("name"));
        assertEquals(1001, delivered.get("order_number"));
        assertEquals("delivered", delivered.get("status"));
        assertEquals("404.95", delivered.get("total_price"));
        assertEquals(false, delivered.get("cancelled"));
        assertTrue(((String) delivered.get("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), delivered.toString());
        Map<String, Object> item = ((List<Map<String, Object>>) delivered.get("line_items")).get(0);
        assertEquals("555", item.get("variant_id"));
        assertEquals("89.99", item.get("price"));
        Map<String, Object> fulfillment = ((List<Map<String, Object>>) delivered.get("fulfillments")).get(0);
        assertEquals("delivered", fulfillment.get("shipment_status"));
        assertEquals("UPS", ((List<Map<String, Object>>) fulfillment.get("tracking")).get(0).get("company"));
        assertEquals("/cart/555:2", delivered.get("buy_again_url"));
        Map<String, Object> ret = (Map<String, Object>) delivered.get("return");
        assertEquals(Map.of("eligible", true, "provider", "loop", "url", PREFIX + "/orders/" + f.delivered() + "/return"),
                new HashMap<>(Map.of("eligible", ret.get("eligible"), "provider", ret.get("provider"), "url", ret.get("url"))));
        assertNull(ret.get("reason"));
        Map<String, Object> cancelled = orders.get(3);
        assertEquals("cancelled", cancelled.get("status"));
        assertEquals(Boolean.TRUE, cancelled.get("cancelled"));
        assertEquals("cancelled", ((Map<String, Object>) cancelled.get("return")).get("reason"));
        assertNull(((Map<String, Object>) cancelled.get("return")).get("url"));
    }

    @Test
    void customerBNeverSeesOrStartsAReturnForCustomerAsOrder() {
        Fixture f = fixture("loop", "https://acme.loopreturns.com/");
        HttpResponse<String> list = proxy(a, "/orders", f.shop(), BOB, Map.of("format", "json"));
        List<?> orders = (List<?>) Json.read(list.body().getBytes()).get("orders");
        assertEquals(1, orders.size());
        for (String format : List.of("json", "html", "liquid")) {
            HttpResponse<String> response = proxy(a, "/orders/" + f.delivered(), f.shop(), BOB, Map.of("format", format));
            assertEquals(404, response.statusCode(), format);
            assertFalse(response.body().contains("#1001"));
            assertNoStore(response);
        }
        assertEquals(404, proxy(a, "/orders/" + f.delivered() + "/return", f.shop(), BOB, Map.of()).statusCode());
        // Another shop's signature never reaches this shop's orders.
        Fixture other = fixture("loop", "https://acme.loopreturns.com/");
        assertEquals(404, proxy(a, "/orders/" + f.delivered(), other.shop(), ALICE, Map.of("format", "json")).statusCode());
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM return_clicks WHERE order_id = ?", f.delivered()));
    }

    @Test
    void noOtherParameterCanNameACustomer() {
        Fixture f = fixture("loop", "https://acme.loopreturns.com/");
        HttpResponse<String> response = proxy(a, "/orders", f.shop(), BOB, Map.of("format", "json", "customer_id", String.valueOf(ALICE),
                "customer", String.valueOf(ALICE)));
        assertEquals(1, ((List<?>) Json.read(response.body().getBytes()).get("orders")).size());
    }

    @Test
    void badSignaturesAre401AndStillUncacheable() {
        Fixture f = fixture(null, null);
        String query = ShopifySigner.proxyQuery(ShopifySigner.SECRET, f.shop(), ALICE, PREFIX, Map.of());
        for (String bad : List.of(query.replace("logged_in_customer_id=1001", "logged_in_customer_id=2002"),
                query.substring(0, query.indexOf("&signature")), "shop=" + f.shop().value())) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(a.getURI() + "/proxy/orders?" + bad)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(401, response.statusCode(), bad);
                assertNoStore(response);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        String stale = ShopifySigner.signedProxyQuery(ShopifySigner.SECRET, List.of(Map.entry("shop", f.shop().value()),
                Map.entry("logged_in_customer_id", "1001"), Map.entry("path_prefix", PREFIX),
                Map.entry("timestamp", String.valueOf(Instant.now().getEpochSecond() - 600))));
        try {
            assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(a.getURI() + "/proxy/orders?" + stale)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void loggedOutGetsALoginPromptOrA401() {
        Fixture f = fixture("loop", "https://acme.loopreturns.com/");
        HttpResponse<String> json = proxy(a, "/orders", f.shop(), null, Map.of("format", "json"));
        assertEquals(401, json.statusCode());
        assertEquals("login_required", Json.read(json.body().getBytes()).get("error"));
        for (String format : List.of("html", "liquid")) {
            HttpResponse<String> page = proxy(a, "/orders", f.shop(), null, Map.of("format", format));
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("/account/login?return_url=%2Fapps%2Freturns-drawer%2Forders"), page.body());
        }
        assertEquals(401, proxy(a, "/orders/" + f.delivered() + "/return", f.shop(), null, Map.of()).statusCode());
    }

    @Test
    void uninstalledShopIs404AndAnUnknownShopIsAnInstalledShopWithoutOrders() {
        Fixture f = fixture("loop", "https://acme.loopreturns.com/");
        database.withConnection(c -> c.createStatement().executeUpdate("UPDATE shops SET installed = FALSE WHERE id = " + f.row().id()));
        HttpResponse<String> gone = proxy(a, "/orders", f.shop(), ALICE, Map.of("format", "json"));
        assertEquals(404, gone.statusCode());
        assertNoStore(gone);
        HttpResponse<String> unknown = proxy(a, "/orders", TestShops.unique("unseen"), ALICE, Map.of("format", "json"));
        assertEquals(200, unknown.statusCode());
        assertEquals(List.of(), Json.read(unknown.body().getBytes()).get("orders"));
    }

    @Test
    void liquidIsTheDefaultAndHtmlIsAFragment() {
        Fixture f = fixture("loop", "https://acme.loopreturns.com/");
        HttpResponse<String> liquid = proxy(a, "/orders", f.shop(), ALICE, Map.of());
        assertEquals(200, liquid.statusCode());
        assertEquals("application/liquid", liquid.headers().firstValue("Content-Type").orElse(""));
        assertTrue(liquid.body().contains("returns-drawer-page"));
        HttpResponse<String> html = proxy(a, "/orders", f.shop(), ALICE, Map.of("format", "html"));
        assertTrue(html.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(html.body().startsWith("<div class=\"rd-list\""), html.body());
        assertFalse(html.body().contains("<html"));
        assertTrue(html.body().contains("href=\"" + PREFIX + "/orders/" + f.delivered() + "/return\""), html.body());
        assertTrue(html.body().contains("help@shop.example"));
    }

    @Test
    void detailShowsItemsTrackingAndTheReturnButtonOnlyWhenEligible() {
        Fixture f = fixture("loop", "https://acme.loopreturns.com/");
        String delivered = proxy(a, "/orders/" + f.delivered(), f.shop(), ALICE, Map.of("format", "html")).body();
        assertTrue(delivered.contains("Aviator sunglasses") && delivered.contains("Gold"), delivered);
        assertTrue(delivered.contains("<a href=\"https://ups.example/1Z999\""), delivered);
        assertTrue(delivered.contains("Start a return"));
        assertTrue(delivered.contains("/cart/555:2"));
        String inTransit = proxy(a, "/orders/" + f.inTransit(), f.shop(), ALICE, Map.of("format", "html")).body();
        assertFalse(inTransit.contains("Start a return"));
        assertTrue(inTransit.contains("Returns open once your order is delivered."), inTransit);
    }

    @Test
    void answersWhateverTheBrowserAccepts() {
        Fixture f = fixture("loop", "https://acme.loopreturns.com/");
        String query = ShopifySigner.proxyQuery(ShopifySigner.SECRET, f.shop(), ALICE, PREFIX, Map.of("format", "html"));
        for (String accept : List.of("text/html", "text/html,application/xhtml+xml,*/*;q=0.8", "application/json", "*/*")) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(a.getURI() + "/proxy/orders?" + query))
                        .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), accept);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void customPathPrefixIsUsedForEveryLink() {
        Fixture f = fixture("loop", "https://acme.loopreturns.com/");
        String body = proxy(a, "/orders", f.shop(), ALICE, Map.of("format", "json"), "/tools/my-returns", null).body();
        assertTrue(body.contains("\"/tools/my-returns/orders/" + f.delivered() + "/return\""), body);
        assertFalse(body.contains(PREFIX));
        String html = proxy(a, "/orders", f.shop(), ALICE, Map.of("format", "html"), "/a/r", null).body();
        assertTrue(html.contains("href=\"/a/r/orders/" + f.delivered()), html);
    }

    @Test
    void localeParameterThenAcceptLanguageChooseTheLanguage() {
        Fixture f = fixture("loop", "https://acme.loopreturns.com/");
        assertTrue(proxy(a, "/orders", f.shop(), ALICE, Map.of("format", "html", "locale", "de")).body().contains("Rücksendung starten"));
        assertTrue(proxy(a, "/orders", f.shop(), ALICE, Map.of("format", "html"), PREFIX, "fr-CA,fr;q=0.9").body().contains("Demander un retour"));
        assertTrue(proxy(a, "/orders", f.shop(), ALICE, Map.of("format", "html", "locale", "es"), PREFIX, "de").body().contains("Solicitar una devolución"));
        assertTrue(proxy(a, "/orders", f.shop(), ALICE, Map.of("format", "html", "locale", "ja")).body().contains("Start a return"));
        String german = proxy(a, "/orders/" + f.delivered(), f.shop(), ALICE, Map.of("format", "html", "locale", "de")).body();
        assertTrue(german.contains("404,95") && german.contains("$"), german);
    }

    private String returnLocation(Fixture f, long order) {
        HttpResponse<String> response = proxy(a, "/orders/" + order + "/return", f.shop(), ALICE, Map.of());
        assertEquals(302, response.statusCode(), response.body());
        assertNoStore(response);
        return response.headers().firstValue("Location").orElseThrow();
    }

    @Test
    void repeatedClicksOnOneOrderByOneCustomerOnOneDayAreCountedOnceAndEachRedirected() {
        Fixture f = fixture("loop", "https://acme.loopreturns.com/");
        String first = returnLocation(f, f.delivered());
        assertEquals(first, returnLocation(f, f.delivered()));
        assertEquals(1L, Sql.count(database, "SELECT COUNT(*) FROM return_clicks WHERE shop_id = ? AND order_id = ? AND customer_id = ?",
                f.row().id(), f.delivered(), ALICE));
    }

    @Test
    void eachProvidersLinkAndTheClickIsRecorded() {
        Fixture loop = fixture("loop", "https://acme.loopreturns.com/#/");
        assertEquals("https://acme.loopreturns.com/?order=1001&email=jon%40example.com&zip=40003#/", returnLocation(loop, loop.delivered()));
        assertEquals(1L, Sql.count(database, "SELECT COUNT(*) FROM return_clicks WHERE shop_id = ? AND order_id = ? AND customer_id = ?"
                + " AND surface = 'drawer'", loop.row().id(), loop.delivered(), ALICE));

        Fixture narvar = fixture("narvar", "https://returns.narvar.com/acme/returns?locale=de_DE");
        assertEquals("https://returns.narvar.com/acme/returns?locale=de_DE&order=1001&dzip=40003", returnLocation(narvar, narvar.delivered()));
        Fixture aftership = fixture("aftership", "https://acme.returns.aftership.com/");
        assertEquals("https://acme.returns.aftership.com/", returnLocation(aftership, aftership.delivered()));
        Fixture parcellab = fixture("parcellab", "https://returns.parcellab.com/acme/");
        assertEquals("https://returns.parcellab.com/acme/", returnLocation(parcellab, parcellab.delivered()));
        Fixture other = fixture("other", "https://portal.acme.example/r?o={order}&n={order_name}&id={order_id}&e={email}#start");
        assertEquals("https://portal.acme.example/r?o=1001&n=%231001&id=" + other.delivered() + "&e=jon%40example.com#start",
                returnLocation(other, other.delivered()));
    }

    @Test
    void everyIneligibilityReasonIs409WithAPageSayingWhy() {
        Fixture f = fixture("loop", "https://acme.loopreturns.com/");
        Map<Long, String> reasons = Map.of(f.cancelled(), "cancelled", f.unfulfilled(), "not_fulfilled", f.inTransit(), "not_delivered");
        reasons.forEach((order, reason) -> {
            HttpResponse<String> response = proxy(a, "/orders/" + order + "/return", f.shop(), ALICE, Map.of());
            assertEquals(409, response.statusCode(), reason);
            assertTrue(response.body().contains("data-reason=\"" + reason + "\""), response.body());
            assertNoStore(response);
        });
        saveSettings(a, f.shop(), "loop", "https://acme.loopreturns.com/", true, 1);
        assertTrue(proxy(a, "/orders/" + f.delivered() + "/return", f.shop(), ALICE, Map.of()).body().contains("window_expired"));
        saveSettings(a, f.shop(), "loop", "https://acme.loopreturns.com/", false, null);
        HttpResponse<String> disabled = proxy(a, "/orders/" + f.delivered() + "/return", f.shop(), ALICE, Map.of());
        assertEquals(409, disabled.statusCode());
        assertTrue(disabled.body().contains("returns_disabled"));
        for (String table : List.of("orders", "drawer_orders")) {
            database.withConnection(c -> c.createStatement().executeUpdate(
                    "UPDATE " + table + " SET financial_status = 'refunded' WHERE order_id = " + f.delivered()));
        }
        saveSettings(a, f.shop(), "loop", "https://acme.loopreturns.com/", true, null);
        assertTrue(proxy(a, "/orders/" + f.delivered() + "/return", f.shop(), ALICE, Map.of()).body().contains("data-reason=\"refunded\""));
    }

    @Test
    void disablingOnOneInstanceRemovesTheButtonOnTheOtherAtOnce() {
        Fixture f = fixture("loop", "https://acme.loopreturns.com/");
        assertTrue(proxy(b, "/orders", f.shop(), ALICE, Map.of("format", "html")).body().contains("Start a return"));
        saveSettings(a, f.shop(), "loop", "https://acme.loopreturns.com/", false, null);
        String after = proxy(b, "/orders", f.shop(), ALICE, Map.of("format", "html")).body();
        assertFalse(after.contains("Start a return"), after);
        assertFalse(after.contains("/return\""), after);
        assertEquals(409, proxy(b, "/orders/" + f.delivered() + "/return", f.shop(), ALICE, Map.of()).statusCode());
    }

    @Test
    void titlesCanNeverFormMarkupOrLiquid() {
        Fixture f = fixture("loop", "https://acme.loopreturns.com/");
        database.withConnection(c -> {
            try (var ps = c.prepareStatement("UPDATE order_line_items SET title = ? WHERE order_pk = (SELECT id FROM orders WHERE order_id = ?)")) {
                ps.setString(1, "<script>alert(1)</script>{{ shop.name }}{% comment %}\"'");
                ps.setLong(2, f.delivered());
                return ps.executeUpdate();
            }
        });
        for (String table : List.of("orders", "drawer_orders")) {
            database.withConnection(c -> {
                try (var ps = c.prepareStatement("UPDATE " + table + " SET name = ? WHERE order_id = ?")) {
                    ps.setString(1, "#1001<img src=x onerror=alert(1)>{{ customer.email }}");
                    ps.setLong(2, f.delivered());
                    return ps.executeUpdate();
                }
            });
        }
        for (String format : List.of("html", "liquid")) {
            for (String path : List.of("/orders", "/orders/" + f.delivered())) {
                String body = proxy(a, path, f.shop(), ALICE, Map.of("format", format)).body();
                assertFalse(body.contains("<script>") || body.contains("<img src=x"), body);
                assertFalse(body.contains("{{") || body.contains("{%") || body.contains("}}") || body.contains("%}"), body);
                assertTrue(body.contains("&lt;"), body);
            }
        }
        String json = proxy(a, "/orders/" + f.delivered(), f.shop(), ALICE, Map.of("format", "json")).body();
        assertEquals("#1001<img src=x onerror=alert(1)>{{ customer.email }}", Json.read(json.getBytes()).get("name"), "JSON carries the text as data");
    }

    @Test
    void paginatesTwentyAPage() {
        Fixture f = fixture("loop", "https://acme.loopreturns.com/");
        OrderWriter writer = a.getApplicationContext().getBean(OrderWriter.class);
        database.inTransaction(c -> {
            for (int i = 0; i < 21; i++) {
                writer.apply(c, f.row().id(), order(f.delivered() * 1000 + i, ALICE, "#" + (2000 + i), now.minus(Duration.ofDays(30 + i)),
                        null, "paid", List.of()), now);
            }
            return null;
        });
        Map<String, Object> first = Json.read(proxy(a, "/orders", f.shop(), ALICE, Map.of("format", "json")).body().getBytes());
        assertEquals(20, ((List<?>) first.get("orders")).size());
        assertEquals(true, first.get("has_more"));
        Map<String, Object> second = Json.read(proxy(a, "/orders", f.shop(), ALICE, Map.of("format", "json", "page", "2")).body().getBytes());
        assertEquals(5, ((List<?>) second.get("orders")).size());
        assertEquals(false, second.get("has_more"));
        assertEquals(2, second.get("page"));
        assertTrue(proxy(a, "/orders", f.shop(), ALICE, Map.of("format", "html")).body().contains("page=2"));
    }

    @Test
    void aPageWithoutOrdersStillReadsTheShop() {
        Fixture f = fixture("loop", "https://acme.loopreturns.com/");
        long nobody = 424_242L;
        Map<String, Object> past = Json.read(proxy(a, "/orders", f.shop(), ALICE, Map.of("format", "json", "page", "9")).body().getBytes());
        assertEquals(List.of(), past.get("orders"));
        assertEquals(false, past.get("has_more"));
        assertEquals(200, proxy(a, "/orders", f.shop(), nobody, Map.of("format", "json")).statusCode());
        // Neither answer had an order row to carry the shop: the shop was still read, so its uninstall counts.
        database.withConnection(c -> c.createStatement().executeUpdate("UPDATE shops SET installed = FALSE WHERE id = " + f.row().id()));
        assertEquals(404, proxy(a, "/orders", f.shop(), nobody, Map.of("format", "json")).statusCode());
        assertEquals(404, proxy(a, "/orders", f.shop(), ALICE, Map.of("format", "json", "page", "9")).statusCode());
        assertEquals(404, proxy(a, "/orders", f.shop(), ALICE, Map.of("format", "json")).statusCode());
    }

    @Test
    void theDrawerIsServedWhileEveryBlockingThreadIsBusy() throws Exception {
        Fixture f = fixture("loop", "https://acme.loopreturns.com/");
        ExecutorService io = a.getApplicationContext().getBean(ExecutorService.class, Qualifiers.byName(TaskExecutors.IO));
        int threads = a.getApplicationContext().getRequiredProperty("micronaut.executors.io.n-threads", Integer.class);
        CountDownLatch busy = new CountDownLatch(threads);
        CountDownLatch release = new CountDownLatch(1);
        try {
            for (int i = 0; i < threads; i++) {
                io.submit(() -> {
                    busy.countDown();
                    release.await();
                    return null;
                });
            }
            assertTrue(busy.await(10, TimeUnit.SECONDS));
            Future<?> queued = io.submit(() -> { });
            // A webhook burst holding every blocking thread does not hold up a shopper's drawer.
            HttpResponse<String> list = CompletableFuture.supplyAsync(() -> proxy(a, "/orders", f.shop(), ALICE, Map.of("format", "json")))
                    .get(10, TimeUnit.SECONDS);
            assertEquals(200, list.statusCode(), list.body());
            assertEquals(4, ((List<?>) Json.read(list.body().getBytes()).get("orders")).size());
            HttpResponse<String> detail = CompletableFuture.supplyAsync(() -> proxy(a, "/orders/" + f.delivered(), f.shop(), ALICE,
                    Map.of("format", "html"))).get(10, TimeUnit.SECONDS);
            assertEquals(200, detail.statusCode(), detail.body());
            assertFalse(queued.isDone(), "the blocking pool was not full");
        } finally {
            release.countDown();
        }
    }
}
