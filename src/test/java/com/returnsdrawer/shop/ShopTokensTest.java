package com.returnsdrawer.shop;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shopify.AccessTokens;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.TokenGrant;
import com.returnsdrawer.support.ShopifyStandIn;
import com.returnsdrawer.support.Sql;
import com.returnsdrawer.support.TestDatabase;
import com.returnsdrawer.support.TestShops;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two app instances (contexts) sharing one database, against the Shopify stand-in. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShopTokensTest {

    private ShopifyStandIn shopify;
    private ApplicationContext one;
    private ApplicationContext two;

    @BeforeAll
    void start() throws Exception {
        shopify = new ShopifyStandIn();
        Map<String, Object> props = new HashMap<>(TestDatabase.properties());
        props.put("shopify.shop-base-url", shopify.shopBaseUrl());
        one = ApplicationContext.run(props, "test");
        two = ApplicationContext.run(props, "test");
    }

    @AfterAll
    void stop() {
        one.close();
        two.close();
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

    @Test
    void refusedRefreshForgetsTheTokenAndFailsClearly() throws Exception {
        ShopDomain shop = installed(60);
        shopify.tokenFailures.add(400);
        assertThrows(AccessTokens.NoTokenException.class, () -> one.getBean(ShopTokens.class).current(shop));
        Map<String, Object> row = Sql.one(one.getBean(Database.class), "SELECT * FROM shops WHERE domain = ?", shop.value());
        assertNull(row.get("access_token"));
        assertFalse(one.getBean(ShopTokens.class).hasUsableToken(shop));
    }

    @Test
    void unavailableTokenEndpointKeepsTheStoredPair() throws Exception {
        ShopDomain shop = installed(60);
        shopify.tokenFailures.add(503);
        assertThrows(AccessTokens.NoTokenException.class, () -> one.getBean(ShopTokens.class).current(shop));
        assertTrue(one.getBean(ShopTokens.class).hasUsableToken(shop));
        String refreshed = one.getBean(ShopTokens.class).current(shop);
        assertEquals(shopify.accessToken(shop.value()), refreshed, "refreshes once Shopify answers");
    }
}
