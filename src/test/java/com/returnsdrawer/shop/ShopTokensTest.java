package com.returnsdrawer.shop;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shopify.AccessTokens;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.TokenGrant;
import com.returnsdrawer.support.ShopifyStandIn;
import com.returnsdrawer.support.Sql;
import com.returnsdrawer.support.TestDatabase;
import com.returnsdrawer.support.TestShops;
import com.returnsdrawer.support.Orders;
import com.returnsdrawer.support.WebhookDeliveryRequest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two app instances (contexts) sharing one database, against the Shopify stand-in. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShopTokensTest {

    private ShopifyStandIn shopify;
    private EmbeddedServer server;
    private ApplicationContext one;
    private ApplicationContext two;
    /** A third instance deployed with a wrong client secret. */
    private ApplicationContext wrongSecret;
    /** A fourth that cannot reach Shopify at all. */
    private ApplicationContext unreachable;

    @BeforeAll
    void start() throws Exception {
        shopify = new ShopifyStandIn();
        Map<String, Object> props = new HashMap<>(TestDatabase.properties());
        props.put("shopify.shop-base-url", shopify.shopBaseUrl());
        server = ApplicationContext.run(EmbeddedServer.class, props, "test");
        one = server.getApplicationContext();
        two = ApplicationContext.run(props, "test");
        Map<String, Object> wrong = new HashMap<>(props);
        wrong.put("shopify.api-secret", "a-wrong-secret");
        wrongSecret = ApplicationContext.run(wrong, "test");
        Map<String, Object> dead = new HashMap<>(props);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        dead.put("shopify.shop-base-url", "http://127.0.0.1:" + closedPort + "/{shop}");
        unreachable = ApplicationContext.run(dead, "test");
    }

    @AfterAll
    void stop() {
        server.close();
        two.close();
        wrongSecret.close();
        unreachable.close();
        shopify.close();
    }

    /** Installs through the stand-in (authorization code) with the given token lifetime. */
    private ShopDomain installed(long expiresIn) throws Exception {
        ShopDomain shop = TestShops.unique("tokens");
        shopify.expiresIn = expiresIn;
        try {
            TokenGrant grant = one.getBean(com.returnsdrawer.shopify.TokenEndpoint.class).authorizationCode(shop, "good-code");
            one.getBean(ShopTokens.class).store(shop, grant);
        } finally {
            shopify.expiresIn = 3600;
        }
        return shop;
    }

    @Test
    void freshTokenIsUsedWithoutRefreshing() throws Exception {
        ShopDomain shop = installed(3600);
        assertEquals(shopify.accessToken(shop.value()), one.getBean(ShopTokens.class).current(shop));
        assertEquals(0, shopify.tokenRequests(shop.value(), "refresh_token").size());
    }

    @Test
    void concurrentRefreshesOnTwoInstancesReachShopifyOnceAndBothGetTheNewToken() throws Exception {
        ShopDomain shop = installed(120);   // within the 5-minute margin: due for refresh
        String before = shopify.accessToken(shop.value());
        shopify.refreshDelayMillis = 300;   // widen the window in which the two could collide
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<String>> calls = List.of(
                    () -> one.getBean(ShopTokens.class).current(shop),
                    () -> two.getBean(ShopTokens.class).current(shop));
            List<Future<String>> results = pool.invokeAll(calls);
            String after = shopify.accessToken(shop.value());
            assertFalse(after.equals(before));
            for (Future<String> result : results) {
                assertEquals(after, result.get());
            }
        } finally {
            shopify.refreshDelayMillis = 0;
            pool.shutdownNow();
        }
        assertEquals(1, shopify.tokenRequests(shop.value(), "refresh_token").size());
        // The rotated refresh token was stored with it: the next refresh is accepted by Shopify.
        Database db = one.getBean(Database.class);
        db.withConnection(c -> c.createStatement().executeUpdate(
                "UPDATE shops SET access_token_expires_at = '2000-01-01 00:00:00' WHERE domain = '" + shop.value() + "'"));
        String refreshedAgain = two.getBean(ShopTokens.class).current(shop);
        assertEquals(shopify.accessToken(shop.value()), refreshedAgain);
        assertEquals(2, shopify.tokenRequests(shop.value(), "refresh_token").size());
    }

    @Test
    void afterA401OneRefreshServesEveryCallerThatSawTheSameRejectedToken() throws Exception {
        ShopDomain shop = installed(3600);
        String rejected = one.getBean(ShopTokens.class).current(shop);
        String first = one.getBean(ShopTokens.class).afterUnauthorized(shop, rejected);
        String second = two.getBean(ShopTokens.class).afterUnauthorized(shop, rejected);
        assertEquals(first, second);
        assertEquals(shopify.accessToken(shop.value()), first);
        assertEquals(1, shopify.tokenRequests(shop.value(), "refresh_token").size());
    }

    @Test
    void legacyNonExpiringTokenIsMigratedToAnExpiringOne() throws Exception {
        ShopDomain shop = TestShops.unique("legacy");
        shopify.legacyToken(shop.value(), "shpat_legacy_token");
        one.getBean(ShopTokens.class).store(shop, new TokenGrant("shpat_legacy_token", "read_orders", null, null, null));
        String token = two.getBean(ShopTokens.class).afterUnauthorized(shop, "shpat_legacy_token");
        assertEquals(shopify.accessToken(shop.value()), token);
        List<ShopifyStandIn.Request> exchanges = shopify.tokenRequests(shop.value(), "urn:ietf:params:oauth:grant-type:token-exchange");
        assertEquals(1, exchanges.size());
        assertEquals("urn:shopify:params:oauth:token-type:offline-access-token", exchanges.get(0).body().get("subject_token_type"));
        assertEquals("1", String.valueOf(exchanges.get(0).body().get("expiring")));
        Map<String, Object> row = Sql.one(one.getBean(Database.class), "SELECT * FROM shops WHERE domain = ?", shop.value());
        assertTrue(row.get("refresh_token") != null && row.get("access_token_expires_at") != null);
    }

    private Map<String, Object> row(ShopDomain shop) {
        return Sql.one(one.getBean(Database.class), "SELECT * FROM shops WHERE domain = ?", shop.value());
    }

    @Test
    void aRefreshShopifyAnswersWithInvalidGrantForgetsTheToken() throws Exception {
        ShopDomain shop = installed(60);
        // Another party spent the stored refresh token: Shopify now answers invalid_grant for it.
        one.getBean(com.returnsdrawer.shopify.TokenEndpoint.class).refresh(shop, shopify.refreshToken(shop.value()));
        AccessTokens.NoTokenException e = assertThrows(AccessTokens.NoTokenException.class,
                () -> one.getBean(ShopTokens.class).current(shop));
        assertFalse(e.temporary());
        assertNull(row(shop).get("access_token"));
        assertNull(row(shop).get("refresh_token"));
        assertFalse(one.getBean(ShopTokens.class).hasUsableToken(shop));
    }

    @Test
    void aLegacyTokenShopifyNoLongerAcceptsIsForgottenOnMigration() throws Exception {
        ShopDomain shop = TestShops.unique("legacy-dead");
        one.getBean(ShopTokens.class).store(shop, new TokenGrant("shpat_revoked_legacy", "read_orders", null, null, null));
        AccessTokens.NoTokenException e = assertThrows(AccessTokens.NoTokenException.class,
                () -> one.getBean(ShopTokens.class).afterUnauthorized(shop, "shpat_revoked_legacy"));
        assertFalse(e.temporary(), "invalid_subject_token on a migration: the grant is dead");
        assertNull(row(shop).get("access_token"));
    }

    @Test
    void everyOtherRefusalKeepsTheTokensForTheNextAttempt() throws Exception {
        for (int status : new int[] {429, 503, 500, 400, 401, 403}) {
            ShopDomain shop = installed(60);
            Map<String, Object> before = row(shop);
            shopify.tokenFailures.add(status);
            AccessTokens.NoTokenException e = assertThrows(AccessTokens.NoTokenException.class,
                    () -> one.getBean(ShopTokens.class).current(shop), "HTTP " + status);
            assertTrue(e.temporary(), "HTTP " + status);
            assertEquals(before.get("access_token"), row(shop).get("access_token"), "HTTP " + status);
            assertEquals(before.get("refresh_token"), row(shop).get("refresh_token"), "HTTP " + status);
            assertTrue(one.getBean(ShopTokens.class).hasUsableToken(shop));
            String refreshed = two.getBean(ShopTokens.class).current(shop);
            assertEquals(shopify.accessToken(shop.value()), refreshed, "refreshes once Shopify answers (HTTP " + status + ")");
        }
    }

    @Test
    void aDeployWithAWrongClientSecretForgetsNothing() throws Exception {
        ShopDomain shop = installed(60);
        Map<String, Object> before = row(shop);
        AccessTokens.NoTokenException e = assertThrows(AccessTokens.NoTokenException.class,
                () -> wrongSecret.getBean(ShopTokens.class).current(shop));
        assertTrue(e.temporary());
        assertEquals(1, shopify.tokenRequests(shop.value(), "refresh_token").size(), "Shopify answered 401 invalid_client");
        assertEquals(before.get("refresh_token"), row(shop).get("refresh_token"));
        String refreshed = one.getBean(ShopTokens.class).current(shop);
        assertEquals(shopify.accessToken(shop.value()), refreshed);
    }

    @Test
    void anUnreachableTokenEndpointKeepsTheTokens() throws Exception {
        ShopDomain shop = installed(60);
        Map<String, Object> before = row(shop);
        AccessTokens.NoTokenException e = assertThrows(AccessTokens.NoTokenException.class,
                () -> unreachable.getBean(ShopTokens.class).current(shop));
        assertTrue(e.temporary());
        assertEquals(before.get("refresh_token"), row(shop).get("refresh_token"));
        String refreshed = one.getBean(ShopTokens.class).current(shop);
        assertEquals(shopify.accessToken(shop.value()), refreshed);
    }

    @Test
    void aTimedOutRefreshKeepsTheTokensAndIsNotRetriedAtOnce() throws Exception {
        ShopDomain shop = installed(60);
        Map<String, Object> before = row(shop);
        shopify.tokenFailures.add(-1);   // hangs past the client's 10 s limit: Shopify may or may not have rotated
        AccessTokens.NoTokenException e = assertThrows(AccessTokens.NoTokenException.class,
                () -> one.getBean(ShopTokens.class).current(shop));
        assertTrue(e.temporary());
        assertEquals(before.get("refresh_token"), row(shop).get("refresh_token"));
        assertTrue(one.getBean(ShopTokens.class).hasUsableToken(shop));
        // The refresh token may be spent: no caller, on any instance, sends it again while the lease is held.
        String stored = shopify.accessToken(shop.value());
        assertThrows(AccessTokens.NoTokenException.class, () -> two.getBean(ShopTokens.class).afterUnauthorized(shop, stored));
        assertEquals(1, shopify.tokenRequests(shop.value(), "refresh_token").size());
    }

    @Test
    void aStalledRefreshHoldsNoLockThatWebhookGroupsOfAnyShopWaitFor() throws Exception {
        ShopDomain stalled = installed(60);
        ShopDomain other = installed(3600);
        shopify.refreshDelayMillis = 9_500;   // just inside the client's 10 s limit
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> refresh = pool.submit(() -> two.getBean(ShopTokens.class).current(stalled));
            Thread.sleep(500);   // the refresh is now waiting for Shopify
            long worstMillis = 0;
            Instant updatedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            for (int i = 0; i < 10; i++) {
                for (ShopDomain shop : List.of(stalled, other)) {
                    long started = System.nanoTime();
                    int status = WebhookDeliveryRequest.of("orders/updated", shop, Orders.order(8_100_000_000L + i, 42, updatedAt))
                            .send(server.getURI()).statusCode();
                    worstMillis = Math.max(worstMillis, (System.nanoTime() - started) / 1_000_000);
                    assertEquals(200, status);
                }
            }
            assertFalse(refresh.isDone(), "the webhooks were accepted while the refresh still waited for Shopify");
            assertTrue(worstMillis < 2_000, "slowest webhook acceptance " + worstMillis + " ms");
            String refreshed = refresh.get(30, TimeUnit.SECONDS);
            assertEquals(shopify.accessToken(stalled.value()), refreshed);
            assertEquals(10L, Sql.count(one.getBean(Database.class),
                    "SELECT COUNT(*) FROM orders o JOIN shops s ON s.id = o.shop_id WHERE s.domain = ?", stalled.value()));
        } finally {
            shopify.refreshDelayMillis = 0;
            pool.shutdownNow();
        }
    }
}
