package com.returnsdrawer.account;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.orders.FulfillmentSnapshot;
import com.returnsdrawer.orders.OrderSnapshot;
import com.returnsdrawer.orders.OrderWriter;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.support.AdminApi;
import com.returnsdrawer.support.CustomerTokens;
import com.returnsdrawer.support.Json;
import com.returnsdrawer.support.ManualClock;
import com.returnsdrawer.support.ProviderStandIn;
import com.returnsdrawer.support.ShopifySigner;
import com.returnsdrawer.support.Sql;
import com.returnsdrawer.support.TestDatabase;
import com.returnsdrawer.support.TestShops;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The customer-account routes against the running app, as Shopify's customer account UI extension and a shopper's
 * browser call them: session tokens of every kind, CORS on every answer, ownership, and the return ticket from
 * issue to redirect (its clock moved by hand, never slept).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerAccountTest {

    private static final String APP_URL = "https://returns-drawer.test";
    private static final String PREVIOUS_SECRET = "previous-test-secret";
    private static final String PREFIX = "/apps/returns-drawer";
    private static final String LOOP_PORTAL = "https://acme.loopreturns.com/#/";
    private static final long ALICE = 1001;
    private static final long BOB = 2002;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private ProviderStandIn provider;
    private EmbeddedServer app;
    private Database database;
    private ManualClock clock;

    @BeforeAll
    void start() throws IOException {
        provider = new ProviderStandIn();
        Map<String, Object> props = TestDatabase.properties();
        props.put("loop.api-base-url", provider.baseUrl());
        props.put("shopify.api-secret-previous", PREVIOUS_SECRET);
        props.put("test.manual-clock", "true");
        app = ApplicationContext.run(EmbeddedServer.class, props, "test");
        database = app.getApplicationContext().getBean(Database.class);
        clock = app.getApplicationContext().getBean(ManualClock.class);
    }

    @AfterAll
    void stop() {
        app.close();
        provider.close();
    }

    @BeforeEach
    void resetProvider() {
        provider.answerUrl("https://acme.loopreturns.com/#/lookup/deep-1001");
        provider.delay(0);
        provider.clear();
    }

    /** A shop with Alice's delivered and unfulfilled orders and Bob's delivered order, Loop without a key. */
    private record Shop(ShopDomain domain, long id, long delivered, long unfulfilled, long bobs) {
    }

    private Shop shop() {
        ShopDomain domain = TestShops.unique("account");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long id = app.getApplicationContext().getBean(ShopStore.class).findOrCreate(domain, now).id();
        long base = Math.abs(domain.hashCode()) * 100L;
        OrderWriter writer = app.getApplicationContext().getBean(OrderWriter.class);
        database.inTransaction(c -> {
            writer.apply(c, id, order(base + 1, ALICE, "#1001", now, true), now);
            writer.apply(c, id, order(base + 2, ALICE, "#1002", now, false), now);
            writer.apply(c, id, order(base + 3, BOB, "#1003", now, true), now);
            return null;
        });
        Shop shop = new Shop(domain, id, base + 1, base + 2, base + 3);
        settings(shop, "loop", LOOP_PORTAL, true, null);
        return shop;
    }

    private static OrderSnapshot order(long id, long customer, String name, Instant now, boolean delivered) {
        Instant created = now.minus(Duration.ofDays(6));
        Instant at = now.minus(Duration.ofDays(2));
        return new OrderSnapshot(id, customer, name, Long.parseLong(name.substring(1)), "jon@example.com", "40003", "en", "paid",
                delivered ? "fulfilled" : null, "89.99", "USD", created, created.plusSeconds(60), null,
                List.of(new OrderSnapshot.LineItem(id * 10, "Aviator sunglasses", "Gold", 1, "89.99", 555L, 777L, null)),
                delivered ? List.of(new FulfillmentSnapshot(id * 7, id, "success", "delivered",
                        List.of(new FulfillmentSnapshot.Tracking("UPS", "1Z999", "https://ups.example/1Z999")),
                        at.minus(Duration.ofDays(1)), at, null)) : List.of());
    }

    private void settings(Shop shop, String provider, String portal, boolean enabled, String apiKey) {
        Map<String, Object> body = new HashMap<>();
        body.put("provider", provider);
        body.put("portal_url", portal);
        body.put("enabled", enabled);
        if (apiKey != null) {
            body.put("api_key", apiKey);
        }
        HttpResponse<String> response = AdminApi.put(app.getURI(), shop.domain(), "/api/settings", new String(Json.bytes(body)));
        assertEquals(200, response.statusCode(), response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code GET /customer-account/orders/{id}} with {@code token} (null: no Authorization header). */
    private HttpResponse<String> order(String id, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.getURI() + "/customer-account/orders/" + id))
                .header("Origin", "https://extensions.shopifycdn.com");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private HttpResponse<String> order(Shop shop, long orderId, long customer) {
        return order(Long.toString(orderId), CustomerTokens.of(shop.domain(), customer).token());
    }

    private HttpResponse<String> ticket(String pathPart, String language) {
        return send(HttpRequest.newBuilder(URI.create(app.getURI() + "/customer-account/returns/" + pathPart))
                .header("Accept-Language", language));
    }

    private static String ticketOf(HttpResponse<String> order) {
        assertEquals(200, order.statusCode(), order.body());
        Object url = ((Map<?, ?>) Json.read(order.body().getBytes()).get("return")).get("url");
        assertNotNull(url, order.body());
        String prefix = APP_URL + "/customer-account/returns/";
        assertTrue(url.toString().startsWith(prefix), url.toString());
        return url.toString().substring(prefix.length());
    }

    private long clicks(Shop shop) {
        return Sql.count(database, "SELECT COUNT(*) FROM return_clicks WHERE shop_id = ?", shop.id());
    }

    private static void assertCors(HttpResponse<String> response) {
        assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElse(null), response.headers().toString());
        assertEquals("private, no-store", response.headers().firstValue("Cache-Control").orElse(null));
    }

    private static void assertError(int status, String error, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(Map.of("error", error), Json.read(response.body().getBytes()));
        assertCors(response);
    }

    // --- Session tokens ---

    @Test
    void everyBadTokenIsUnauthorized() {
        Shop shop = shop();
        String id = Long.toString(shop.delivered());
        long now = Instant.now().getEpochSecond();
        assertError(401, "unauthorized", order(id, null));
        assertError(401, "unauthorized", order(id, "not-a-token"));
        assertError(401, "unauthorized", order(id, "a.b.c"));
        assertError(401, "unauthorized", order(id, CustomerTokens.of(shop.domain(), ALICE).signedWith("wrong-secret").token()));
        assertError(401, "unauthorized", order(id, CustomerTokens.of(shop.domain(), ALICE)
                .claim("exp", now - 60).claim("nbf", now - 120).claim("iat", now - 120).token()));
        assertError(401, "unauthorized", order(id, CustomerTokens.of(shop.domain(), ALICE).claim("nbf", now + 120).token()));
        assertError(401, "unauthorized", order(id, CustomerTokens.of(shop.domain(), ALICE).claim("aud", "another-app").token()));
        assertError(401, "unauthorized", order(id, CustomerTokens.of(shop.domain(), ALICE).claim("dest", null).token()));
        assertError(401, "unauthorized", order(id, CustomerTokens.of(shop.domain(), ALICE).claim("dest", "https://evil.example").token()));
        // Only a customer GID names a customer: an admin user id or another GID type does not.
        assertError(401, "unauthorized", order(id, CustomerTokens.of(shop.domain(), ALICE).claim("sub", "42").token()));
        assertError(401, "unauthorized", order(id, CustomerTokens.of(shop.domain(), ALICE)
                .claim("sub", "gid://shopify/Order/" + ALICE).token()));
        assertEquals(0, clicks(shop));
    }

    @Test
    void aValidTokenWithoutACustomerAsksForSignIn() {
        Shop shop = shop();
        assertError(401, "login_required", order(Long.toString(shop.delivered()), CustomerTokens.of(shop.domain(), null).token()));
    }

    @Test
    void destWithOrWithoutSchemeAndThePreviousSecretAreAccepted() {
        Shop shop = shop();
        String id = Long.toString(shop.delivered());
        assertEquals(200, order(id, CustomerTokens.of(shop.domain(), ALICE).token()).statusCode());
        assertEquals(200, order(id, CustomerTokens.of(shop.domain(), ALICE).claim("dest", "https://" + shop.domain().value())
                .token()).statusCode());
        assertEquals(200, order(id, CustomerTokens.of(shop.domain(), ALICE).signedWith(PREVIOUS_SECRET).token()).statusCode());
        // Within the 10 s leeway.
        long now = Instant.now().getEpochSecond();
        assertEquals(200, order(id, CustomerTokens.of(shop.domain(), ALICE).claim("exp", now - 3).token()).statusCode());
    }

    // --- CORS ---

    @Test
    void preflightIsAnsweredWithoutAuthentication() {
        for (String path : List.of("/customer-account/orders/1", "/customer-account/orders/gid%3A%2F%2Fshopify%2FOrder%2F1",
                "/customer-account/returns/anything")) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(app.getURI() + path))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://extensions.shopifycdn.com")
                    .header("Access-Control-Request-Method", "GET")
                    .header("Access-Control-Request-Headers", "authorization"));
            assertEquals(204, response.statusCode(), path);
            assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElse(null), path);
            assertTrue(response.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("GET"), path);
            assertEquals("Authorization, Content-Type", response.headers().firstValue("Access-Control-Allow-Headers").orElse(null));
            assertEquals("7200", response.headers().firstValue("Access-Control-Max-Age").orElse(null));
            assertEquals("", response.body());
        }
        // Without the CORS request headers too.
        HttpResponse<String> bare = send(HttpRequest.newBuilder(URI.create(app.getURI() + "/customer-account/orders/1"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, bare.statusCode());
        assertEquals("*", bare.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }

    @Test
    void everyAnswerCarriesTheCorsAndCacheHeadersWhateverTheOrigin() {
        Shop shop = shop();
        String token = CustomerTokens.of(shop.domain(), ALICE).token();
        for (String origin : List.of("https://extensions.shopifycdn.com", "null", "https://evil.example", "")) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.getURI() + "/customer-account/orders/" + shop.delivered()))
                    .header("Authorization", "Bearer " + token);
            if (!origin.isEmpty()) {
                request.header("Origin", origin);
            }
            HttpResponse<String> ok = send(request);
            assertEquals(200, ok.statusCode(), origin);
            assertCors(ok);
        }
        assertCors(order("1", null));
        assertCors(order("999", token));
        assertCors(send(HttpRequest.newBuilder(URI.create(app.getURI() + "/customer-account/no-such-route"))));
        assertCors(ticket("forged", "en"));
        assertCors(ticket(ticketOf(order(shop, shop.delivered(), ALICE)), "en"));
    }

    // --- Orders ---

    @Test
    void theOrderIsTheDrawersOrderViewWithATicketLink() {
        Shop shop = shop();
        HttpResponse<String> numeric = order(shop, shop.delivered(), ALICE);
        assertEquals(200, numeric.statusCode(), numeric.body());
        assertTrue(numeric.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        HttpResponse<String> gid = order(URLEncoder.encode("gid://shopify/Order/" + shop.delivered(), StandardCharsets.UTF_8),
                CustomerTokens.of(shop.domain(), ALICE).token());
        assertEquals(200, gid.statusCode(), gid.body());

        // The same view as the proxy's JSON, but for the return link.
        String query = ShopifySigner.proxyQuery(ShopifySigner.SECRET, shop.domain(), ALICE, PREFIX, Map.of("format", "json"));
        HttpResponse<String> proxy = send(HttpRequest.newBuilder(URI.create(app.getURI() + "/proxy/orders/" + shop.delivered() + "?" + query)));
        assertEquals(200, proxy.statusCode(), proxy.body());
        Map<String, Object> fromProxy = Json.read(proxy.body().getBytes());
        Map<String, Object> fromAccount = Json.read(numeric.body().getBytes());
        Map<String, Object> fromGid = Json.read(gid.body().getBytes());
        assertEquals(PREFIX + "/orders/" + shop.delivered() + "/return", ((Map<?, ?>) fromProxy.get("return")).get("url"));
        ticketOf(numeric);
        for (Map<String, Object> view : List.of(fromProxy, fromAccount, fromGid)) {
            ((Map<String, Object>) view.get("return")).remove("url");
        }
        assertEquals(fromProxy, fromAccount);
        assertEquals(fromProxy, fromGid);
        assertEquals(Boolean.TRUE, ((Map<?, ?>) fromAccount.get("return")).get("eligible"));
        assertEquals(List.of(), fromAccount.get("returns"));

        // Not eligible: no link, and the reason.
        HttpResponse<String> unfulfilled = order(shop, shop.unfulfilled(), ALICE);
        assertEquals(200, unfulfilled.statusCode());
        Map<?, ?> info = (Map<?, ?>) Json.read(unfulfilled.body().getBytes()).get("return");
        assertNull(info.get("url"));
        assertEquals("not_fulfilled", info.get("reason"));
    }

    @Test
    void nobodyElsesOrderIsFound() {
        Shop shop = shop();
        Shop other = shop();
        String alice = CustomerTokens.of(shop.domain(), ALICE).token();
        assertError(404, "not_found", order(Long.toString(shop.bobs()), alice));
        assertError(404, "not_found", order(Long.toString(other.delivered()), alice));
        assertError(404, "not_found", order(Long.toString(shop.delivered() + 1000), alice));
        for (String hostile : List.of("..%2F..%2Fapi%2Fstatus", "99999999999999999999999", "-1", "0", "1e3", "%20",
                URLEncoder.encode("gid://shopify/Customer/" + ALICE, StandardCharsets.UTF_8),
                URLEncoder.encode("gid://shopify/Order/", StandardCharsets.UTF_8),
                URLEncoder.encode("gid://shopify/Order/" + shop.delivered() + "/x", StandardCharsets.UTF_8))) {
            HttpResponse<String> response = order(hostile, alice);
            assertError(404, "not_found", response);
            assertFalse(response.body().contains("Aviator"), hostile);
        }
        // A token of shop A never reaches shop B's orders, even naming B's customer.
        assertError(404, "not_found", order(Long.toString(other.delivered()), CustomerTokens.of(shop.domain(), ALICE).token()));
        assertEquals(0, clicks(shop));
    }

    @Test
    void anUninstalledShopServesNothing() {
        Shop shop = shop();
        String ticket = ticketOf(order(shop, shop.delivered(), ALICE));
        app.getApplicationContext().getBean(ShopStore.class).markUninstalled(shop.id(), Instant.now());
        assertError(404, "not_found", order(shop, shop.delivered(), ALICE));
        HttpResponse<String> click = ticket(ticket, "en");
        assertEquals(404, click.statusCode());
        assertEquals(0, clicks(shop));
    }

    // --- Return tickets ---

    @Test
    void aTicketRedirectsToTheProviderAndRecordsTheClickOnce() {
        Shop shop = shop();
        String ticket = ticketOf(order(shop, shop.delivered(), ALICE));
        assertTrue(ticket.matches("[A-Za-z0-9_-]{40,200}"), ticket);
        HttpResponse<String> click = ticket(ticket, "en");
        assertEquals(302, click.statusCode(), click.body());
        assertEquals("https://acme.loopreturns.com/?order=1001&email=jon%40example.com&zip=40003#/",
                click.headers().firstValue("Location").orElse(null));
        assertCors(click);
        List<Map<String, Object>> rows = Sql.rows(database,
                "SELECT order_id, customer_id, provider, surface FROM return_clicks WHERE shop_id = ?", shop.id());
        assertEquals(1, rows.size());
        assertEquals(shop.delivered(), ((Number) rows.get(0).get("order_id")).longValue());
        assertEquals(ALICE, ((Number) rows.get(0).get("customer_id")).longValue());
        assertEquals("loop", rows.get(0).get("provider"));
        assertEquals("customer_account", rows.get(0).get("surface"));
        // Clicking again the same day is the same click.
        assertEquals(302, ticket(ticket, "en").statusCode());
        assertEquals(1, clicks(shop));
        assertEquals(List.of(), provider.requests(), "no API key: no provider call");
    }

    @Test
    void withAnApiKeyTheTicketLeadsToTheProvidersDeepLink() {
        Shop shop = shop();
        settings(shop, "loop", LOOP_PORTAL, true, "lp_live_Zx9-SECRET-4f2a");
        HttpResponse<String> order = order(shop, shop.delivered(), ALICE);
        assertEquals(List.of(), provider.requests(), "the order view never calls the provider");
        HttpResponse<String> click = ticket(ticketOf(order), "en");
        assertEquals(302, click.statusCode());
        assertEquals("https://acme.loopreturns.com/#/lookup/deep-1001", click.headers().firstValue("Location").orElse(null));
        assertEquals(1, provider.requests().size());
        assertEquals(ProviderStandIn.LOOP_PATH, provider.requests().get(0).path());
    }

    @Test
    void everyAlteredCharacterOfATicketIsRefused() {
        Shop shop = shop();
        String ticket = ticketOf(order(shop, shop.delivered(), ALICE));
        for (int i = 0; i < ticket.length(); i++) {
            char c = ticket.charAt(i);
            String altered = ticket.substring(0, i) + (c == 'A' ? 'B' : 'A') + ticket.substring(i + 1);
            HttpResponse<String> response = ticket(altered, "en");
            assertEquals(403, response.statusCode(), "position " + i + " of " + ticket.length());
        }
        for (String forged : List.of(ticket.substring(0, ticket.length() - 1), ticket + "A", ticket.substring(1), "x",
                ticket + "%00", "..%2F" + ticket)) {
            HttpResponse<String> response = ticket(forged, "en");
            assertEquals(403, response.statusCode(), forged);
        }
        HttpResponse<String> page = ticket("x" + ticket, "en");
        assertEquals(403, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("This return link is no longer valid."), page.body());
        assertFalse(page.body().contains("loopreturns"), page.body());
        assertEquals(0, clicks(shop), "nothing recorded");
    }

    @Test
    void aTicketNamesItsCustomerAndOrderAndNoOther() {
        Shop shop = shop();
        ReturnTickets tickets = app.getApplicationContext().getBean(ReturnTickets.class);
        // A ticket for Bob's order made out to Alice (as a forger would need) finds nothing to start.
        HttpResponse<String> wrongOwner = ticket(tickets.issue(shop.domain(), ALICE, shop.bobs(), clock.instant()), "en");
        assertEquals(404, wrongOwner.statusCode());
        // Signed with another secret: refused.
        ReturnTickets foreign = new ReturnTickets(new com.returnsdrawer.crypto.SigningSecrets("someone-else", null));
        assertEquals(403, ticket(foreign.issue(shop.domain(), ALICE, shop.delivered(), clock.instant()), "en").statusCode());
        assertEquals(0, clicks(shop));
    }

    @Test
    void aTicketExpiresAfterTenMinutes() {
        Shop shop = shop();
        String ticket = ticketOf(order(shop, shop.delivered(), ALICE));
        clock.advance(Duration.ofMinutes(9).plusSeconds(50));
        try {
            assertEquals(302, ticket(ticket, "en").statusCode());
            String later = ticketOf(order(shop, shop.delivered(), ALICE));
            clock.advance(Duration.ofSeconds(20));
            HttpResponse<String> expired = ticket(ticket, "de");
            assertEquals(403, expired.statusCode());
            assertTrue(expired.body().contains("Dieser Rücksendelink ist nicht mehr gültig."), expired.body());
            assertTrue(expired.body().contains("lang=\"de\""));
            assertEquals(302, ticket(later, "en").statusCode(), "a ticket issued later is still valid");
        } finally {
            clock.advance(Duration.ofMinutes(-10).minusSeconds(10));
        }
    }

    @Test
    void eligibilityIsCheckedAgainAtClickTime() {
        Shop shop = shop();
        String ticket = ticketOf(order(shop, shop.delivered(), ALICE));
        settings(shop, "loop", LOOP_PORTAL, false, null);
        HttpResponse<String> refused = ticket(ticket, "fr-CA,fr;q=0.9,en;q=0.5");
        assertEquals(409, refused.statusCode());
        assertTrue(refused.body().contains("lang=\"fr\""), refused.body());
        assertTrue(refused.body().contains("data-rd-view=\"not-eligible\""), refused.body());
        assertEquals("private, no-store", refused.headers().firstValue("Cache-Control").orElse(null));
        assertEquals(0, clicks(shop));
        // Enabled again: the same ticket works.
        settings(shop, "loop", LOOP_PORTAL, true, null);
        assertEquals(302, ticket(ticket, "en").statusCode());
        assertEquals(1, clicks(shop));
    }
}
