package com.returnsdrawer.install;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shop.ShopTokens;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.support.SessionTokens;
import com.returnsdrawer.support.ShopifySigner;
import com.returnsdrawer.support.ShopifyStandIn;
import com.returnsdrawer.support.Sql;
import com.returnsdrawer.support.TestDatabase;
import com.returnsdrawer.support.TestShops;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
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
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Installing end to end against the Shopify stand-in, on two app instances sharing one database: OAuth begun
 * on one and finished on the other, token exchange on embedded loads, the bounce, and every refusal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstallFlowTest {

    private ShopifyStandIn shopify;
    private EmbeddedServer a;
    private EmbeddedServer b;
    private Database database;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    void start() throws Exception {
        shopify = new ShopifyStandIn();
        Map<String, Object> props = new HashMap<>(TestDatabase.properties());
        props.put("shopify.shop-base-url", shopify.shopBaseUrl());
        a = ApplicationContext.run(EmbeddedServer.class, props, "test");
        b = ApplicationContext.run(EmbeddedServer.class, props, "test");
        database = a.getApplicationContext().getBean(Database.class);
    }

    @AfterAll
    void stop() {
        a.close();
        b.close();
        shopify.close();
    }

    private HttpResponse<String> get(EmbeddedServer server, String pathAndQuery, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI() + pathAndQuery));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String host(ShopDomain shop) {
        return Base64.getEncoder().withoutPadding().encodeToString(("admin.shopify.com/store/" + shop.handle()).getBytes());
    }

    private String callbackQuery(ShopDomain shop, String state, String code, long timestamp) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        params.put("host", host(shop));
        params.put("shop", shop.value());
        params.put("state", state);
        params.put("timestamp", String.valueOf(timestamp));
        return ShopifySigner.signedAdminQuery(ShopifySigner.SECRET, params);
    }

    private record Begun(String state, String cookie, URI location) {
    }

    private Begun begin(EmbeddedServer server, ShopDomain shop) throws Exception {
        HttpResponse<String> response = get(server, "/auth?shop=" + shop.value(), null);
        assertEquals(302, response.statusCode());
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        String state = null;
        for (String pair : location.getRawQuery().split("&")) {
            if (pair.startsWith("state=")) {
                state = pair.substring(6);
            }
        }
        return new Begun(state, setCookie.substring(0, setCookie.indexOf(';')), location);
    }

    private Map<String, Object> shopRow(ShopDomain shop) {
        List<Map<String, Object>> rows = Sql.rows(database, "SELECT * FROM shops WHERE domain = ?", shop.value());
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Test
    void authRedirectsToShopifyWithAShortLivedSignedHttpOnlyStateCookie() throws Exception {
        ShopDomain shop = TestShops.unique("begin");
        HttpResponse<String> response = get(a, "/auth?shop=" + shop.value(), null);
        assertEquals(302, response.statusCode());
        String location = response.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(shopify.shopBaseUrl().replace("{shop}", shop.value()) + "/admin/oauth/authorize?client_id=test-api-key"), location);
        assertTrue(location.contains("scope=read_orders%2Cread_returns%2Cwrite_app_proxy"), location);
        assertTrue(location.contains("redirect_uri=https%3A%2F%2Freturns-drawer.test%2Fauth%2Fcallback"), location);
        assertTrue(location.contains("&state="), location);
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.toLowerCase().contains("httponly"), cookie);
        assertTrue(cookie.contains("Max-Age=60"), cookie);
        assertTrue(cookie.contains("Secure"), cookie);
        assertTrue(cookie.toLowerCase().contains("samesite=lax"), cookie);
        assertNull(shopRow(shop), "nothing stored before the callback");
    }

    @Test
    void authWithoutAValidShopIs400() throws Exception {
        for (String query : List.of("", "?shop=evil.com", "?shop=x.myshopify.com.evil.com", "?shop=x.myshopify.com%40evil.com")) {
            assertEquals(400, get(a, "/auth" + query, null).statusCode(), query);
        }
    }

    @Test
    void callbackOnAnotherInstanceStoresEncryptedExpiringTokensAndImportsOrders() throws Exception {
        ShopDomain shop = TestShops.unique("install");
        shopify.orders(shop.value(), List.of(ShopifyStandIn.graphqlOrder(9_100_000_000_000_001L, 31, "2026-11-01T10:00:00Z", "DELIVERED")));
        Begun begun = begin(a, shop);
        HttpResponse<String> response = get(b, "/auth/callback?" + callbackQuery(shop, begun.state(), "good-code",
                Instant.now().getEpochSecond()), begun.cookie());
        assertEquals(302, response.statusCode(), response.body());
        assertEquals("https://admin.shopify.com/store/" + shop.handle() + "/apps/test-api-key",
                response.headers().firstValue("Location").orElseThrow());

        List<ShopifyStandIn.Request> grants = shopify.tokenRequests(shop.value(), "authorization_code");
        assertEquals(1, grants.size());
        assertEquals("1", String.valueOf(grants.get(0).body().get("expiring")));
        Map<String, Object> row = shopRow(shop);
        assertTrue((Boolean) row.get("installed"));
        String storedAccess = (String) row.get("access_token");
        assertTrue(storedAccess.startsWith("v1."), "encrypted at rest");
        assertFalse(storedAccess.contains(shopify.accessToken(shop.value())));
        assertFalse(((String) row.get("refresh_token")).contains("shprt_"));
        assertNotNull(row.get("access_token_expires_at"));
        assertEquals(shopify.grantedScopes, row.get("scopes"));

        // The post-install import runs in the background.
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        long imported = 0;
        while (System.nanoTime() < deadline && imported == 0) {
            imported = Sql.count(database, "SELECT COUNT(*) FROM orders o JOIN shops s ON s.id = o.shop_id WHERE s.domain = ? AND o.customer_id = 31", shop.value());
            Thread.sleep(100);
        }
        assertEquals(1, imported);
        assertEquals(shopify.accessToken(shop.value()), a.getApplicationContext().getBean(ShopTokens.class).current(shop));
    }

    @Test
    void callbackRefusalsStoreNothing() throws Exception {
        ShopDomain shop = TestShops.unique("refuse");
        Begun begun = begin(a, shop);
        long now = Instant.now().getEpochSecond();
        String good = callbackQuery(shop, begun.state(), "good-code", now);
        // wrong hmac
        assertEquals(400, get(b, "/auth/callback?" + good.replaceAll("hmac=[0-9a-f]{4}", "hmac=0000"), begun.cookie()).statusCode());
        // stale timestamp
        assertEquals(400, get(b, "/auth/callback?" + callbackQuery(shop, begun.state(), "good-code", now - 600), begun.cookie()).statusCode());
        // missing state cookie
        assertEquals(400, get(b, "/auth/callback?" + good, null).statusCode());
        // state not the cookie's
        assertEquals(400, get(b, "/auth/callback?" + callbackQuery(shop, "other-state", "good-code", now), begun.cookie()).statusCode());
        // a cookie issued for another shop
        Begun other = begin(a, TestShops.unique("other"));
        assertEquals(400, get(b, "/auth/callback?" + callbackQuery(shop, other.state(), "good-code", now), other.cookie()).statusCode());
        // a forged cookie
        assertEquals(400, get(b, "/auth/callback?" + good, begun.cookie().replaceAll(".{4}$", "abcd")).statusCode());
        assertNull(shopRow(shop));
        assertEquals(0, shopify.tokenRequests(shop.value(), "authorization_code").size());
    }

    @Test
    void tokenEndpointFailuresAreClear400sAndStoreNothing() throws Exception {
        for (int failure : new int[]{400, 500, -1}) {
            ShopDomain shop = TestShops.unique("tokenfail");
            Begun begun = begin(a, shop);
            shopify.tokenFailures.add(failure);
            HttpResponse<String> response = get(b, "/auth/callback?" + callbackQuery(shop, begun.state(), "good-code",
                    Instant.now().getEpochSecond()), begun.cookie());
            assertEquals(400, response.statusCode(), "failure " + failure);
            assertTrue(response.body().contains("Shopify"), response.body());
            assertNull(shopRow(shop));
        }
        ShopDomain shop = TestShops.unique("badcode");
        Begun begun = begin(a, shop);
        assertEquals(400, get(b, "/auth/callback?" + callbackQuery(shop, begun.state(), "bad-code", Instant.now().getEpochSecond()), begun.cookie()).statusCode());
        assertNull(shopRow(shop));
    }

    @Test
    void anInstallGrantingFewerScopesThanAskedForAsksAgainAndSaysWhy() throws Exception {
        ShopDomain shop = TestShops.unique("fewscopes");
        shopify.grantedScopes = "read_orders";
        try {
            Begun begun = begin(a, shop);
            HttpResponse<String> response = get(b, "/auth/callback?" + callbackQuery(shop, begun.state(), "good-code",
                    Instant.now().getEpochSecond()), begun.cookie());
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.body().contains("write_app_proxy"), "names the missing access: " + response.body());
            assertTrue(response.body().contains("href=\"https://returns-drawer.test/auth?shop=" + shop.value() + "\""), response.body());
            assertEquals("read_orders", shopRow(shop).get("scopes"), "what was granted is kept meanwhile");
            // The embedded app asks again too, on every load, until the scope is granted.
            HttpResponse<String> home = get(a, "/?" + homeQuery(shop, true, SessionTokens.valid(shop)), null);
            assertEquals(200, home.statusCode());
            assertTrue(home.body().contains("write_app_proxy") && home.body().contains("target=\"_top\""), home.body());
        } finally {
            shopify.grantedScopes = "read_orders,read_returns,write_app_proxy";
        }
        // Approved again: the full grant replaces the partial one and the app opens.
        Begun again = begin(a, shop);
        assertEquals(302, get(b, "/auth/callback?" + callbackQuery(shop, again.state(), "good-code",
                Instant.now().getEpochSecond()), again.cookie()).statusCode());
        HttpResponse<String> home = get(a, "/?" + homeQuery(shop, true, SessionTokens.valid(shop)), null);
        assertTrue(home.body().contains("app-bridge.js") && !home.body().contains("approve"), home.body());
    }

    @Test
    void aTokenExchangeGrantingFewerScopesAsksAgain() throws Exception {
        ShopDomain shop = TestShops.unique("fewexchange");
        shopify.grantedScopes = "write_app_proxy";
        try {
            HttpResponse<String> home = get(a, "/?" + homeQuery(shop, true, SessionTokens.valid(shop)), null);
            assertEquals(200, home.statusCode());
            assertTrue(home.body().contains("read_orders") && home.body().contains("/auth?shop=" + shop.value()), home.body());
        } finally {
            shopify.grantedScopes = "read_orders,read_returns,write_app_proxy";
        }
    }

    private String homeQuery(ShopDomain shop, boolean embedded, String idToken) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("shop", shop.value());
        params.put("host", host(shop));
        params.put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
        if (embedded) {
            params.put("embedded", "1");
        }
        if (idToken != null) {
            params.put("id_token", idToken);
        }
        return ShopifySigner.signedAdminQuery(ShopifySigner.SECRET, params);
    }

    @Test
    void homeWithoutEmbeddedRedirectsIntoTheAdminAndRejectsBadSignatures() throws Exception {
        ShopDomain shop = TestShops.unique("home");
        HttpResponse<String> response = get(a, "/?" + homeQuery(shop, false, null), null);
        assertEquals(302, response.statusCode());
        assertEquals("https://admin.shopify.com/store/" + shop.handle() + "/apps/test-api-key", response.headers().firstValue("Location").orElseThrow());
        assertEquals(400, get(a, "/?" + homeQuery(shop, false, null).replaceAll("hmac=[0-9a-f]{4}", "hmac=0000"), null).statusCode());
        assertEquals(400, get(a, "/?shop=evil.com&timestamp=1&hmac=00", null).statusCode());
        assertEquals(400, get(a, "/?shop=" + shop.value(), null).statusCode(), "unsigned, not embedded");
    }

    @Test
    void embeddedLoadExchangesTheIdTokenOnceAndServesTheAdminPageWithCsp() throws Exception {
        ShopDomain shop = TestShops.unique("exchange");
        HttpResponse<String> response = get(a, "/?" + homeQuery(shop, true, SessionTokens.valid(shop)), null);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("frame-ancestors https://" + shop.value() + " https://admin.shopify.com",
                response.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertTrue(response.body().contains("<meta name=\"shopify-api-key\" content=\"test-api-key\">"), response.body());
        assertTrue(response.body().contains("https://cdn.shopify.com/shopifycloud/app-bridge.js"));
        List<ShopifyStandIn.Request> exchanges = shopify.tokenRequests(shop.value(), "urn:ietf:params:oauth:grant-type:token-exchange");
        assertEquals(1, exchanges.size());
        assertEquals("urn:ietf:params:oauth:token-type:id_token", exchanges.get(0).body().get("subject_token_type"));
        assertEquals("urn:shopify:params:oauth:token-type:offline-access-token", exchanges.get(0).body().get("requested_token_type"));
        assertTrue((Boolean) shopRow(shop).get("installed"));

        // The next load finds a usable token: no second exchange.
        assertEquals(200, get(b, "/?" + homeQuery(shop, true, SessionTokens.valid(shop)), null).statusCode());
        assertEquals(1, shopify.tokenRequests(shop.value(), "urn:ietf:params:oauth:grant-type:token-exchange").size());
    }

    @Test
    void invalidSubjectTokenBouncesOnceAndNeverLoops() throws Exception {
        ShopDomain shop = TestShops.unique("bounce");
        shopify.rejectSubjectTokens = true;
        try {
            HttpResponse<String> first = get(a, "/?" + homeQuery(shop, true, SessionTokens.valid(shop)), null);
            assertEquals(302, first.statusCode());
            String location = first.headers().firstValue("Location").orElseThrow();
            assertTrue(location.startsWith("/auth/session-token?shop=" + shop.value()), location);
            assertTrue(location.contains("shopify-reload="), location);

            HttpResponse<String> bouncePage = get(a, location, null);
            assertEquals(200, bouncePage.statusCode());
            assertTrue(bouncePage.body().contains("app-bridge.js"));

            // App Bridge reloads the given URL with a fresh id token; it is refused again: an error, not a loop.
            String reload = java.net.URLDecoder.decode(location.substring(location.indexOf("shopify-reload=") + 15), java.nio.charset.StandardCharsets.UTF_8);
            HttpResponse<String> second = get(a, reload + "&id_token=" + SessionTokens.valid(shop), null);
            assertEquals(400, second.statusCode());
            assertTrue(second.headers().firstValue("Location").isEmpty());
            assertNull(shopRow(shop) == null ? null : shopRow(shop).get("access_token"));
        } finally {
            shopify.rejectSubjectTokens = false;
        }
    }

    @Test
    void embeddedLoadWithoutIdTokenBouncesAndTheReloadIsAuthenticatedByTheFreshToken() throws Exception {
        ShopDomain shop = TestShops.unique("noid");
        HttpResponse<String> first = get(a, "/?" + homeQuery(shop, true, null), null);
        assertEquals(302, first.statusCode());
        String location = first.headers().firstValue("Location").orElseThrow();
        String reload = java.net.URLDecoder.decode(location.substring(location.indexOf("shopify-reload=") + 15), java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> reloaded = get(a, reload + "&id_token=" + SessionTokens.valid(shop), null);
        assertEquals(200, reloaded.statusCode(), reloaded.body());
        // A forged id token on the reload is refused.
        assertEquals(401, get(a, reload + "&id_token=" + SessionTokens.signedWith("nope", "test-api-key", shop, Instant.now(), Duration.ofMinutes(1)), null).statusCode());
    }
}
