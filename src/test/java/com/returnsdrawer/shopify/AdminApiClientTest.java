package com.returnsdrawer.shopify;

import com.returnsdrawer.shop.ShopTokens;
import com.returnsdrawer.support.ShopifyStandIn;
import com.returnsdrawer.support.TestDatabase;
import com.returnsdrawer.support.TestShops;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApiClientTest {

    private static final String QUERY = "query($first: Int!, $after: String, $query: String) { orders(first: $first) { nodes { id } } }";

    private ShopifyStandIn shopify;
    private ApplicationContext context;
    private final List<Duration> waits = new ArrayList<>();
    private AdminApiClient client;

    @BeforeAll
    void start() throws Exception {
        shopify = new ShopifyStandIn();
        Map<String, Object> props = new HashMap<>(TestDatabase.properties());
        props.put("shopify.shop-base-url", shopify.shopBaseUrl());
        context = ApplicationContext.run(props, "test");
        client = new AdminApiClient(context.getBean(ShopifyConfig.class), context.getBean(ObjectMapper.class),
                context.getBean(ShopTokens.class), waits::add);
    }

    @AfterAll
    void stop() {
        context.close();
        shopify.close();
    }

    private ShopDomain installed() throws Exception {
        ShopDomain shop = TestShops.unique("api");
        context.getBean(ShopTokens.class).store(shop, context.getBean(TokenEndpoint.class).authorizationCode(shop, "good-code"));
        return shop;
    }

    private JsonNode call(ShopDomain shop) throws Exception {
        return client.query(shop, QUERY, Map.of("first", 10));
    }

    @Test
    void sendsTheTokenAndVersionAndReturnsData() throws Exception {
        ShopDomain shop = installed();
        JsonNode data = call(shop);
        assertTrue(data.get("orders") != null);
        ShopifyStandIn.Request request = shopify.graphqlRequests(shop.value()).get(0);
        assertEquals(shopify.accessToken(shop.value()), request.headers().get("x-shopify-access-token"));
        assertTrue(request.path().endsWith("/admin/api/2026-10/graphql.json"), request.path());
    }

    @Test
    void retriesServerErrorsWithGrowingBackoff() throws Exception {
        ShopDomain shop = installed();
        waits.clear();
        shopify.graphqlFailures.add(502);
        shopify.graphqlFailures.add(503);
        call(shop);
        assertEquals(3, shopify.graphqlRequests(shop.value()).size());
        assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(500)), waits);
    }

    @Test
    void givesUpAfterTheLastAttempt() throws Exception {
        ShopDomain shop = installed();
        for (int i = 0; i < AdminApiClient.MAX_ATTEMPTS; i++) {
            shopify.graphqlFailures.add(500);
        }
        AdminApiClient.AdminApiException e = assertThrows(AdminApiClient.AdminApiException.class, () -> call(shop));
        assertTrue(e.retryable());
        assertEquals(AdminApiClient.MAX_ATTEMPTS, shopify.graphqlRequests(shop.value()).size());
    }

    @Test
    void waitsOutThrottlingByTheReportedCost() throws Exception {
        ShopDomain shop = installed();
        waits.clear();
        shopify.graphqlFailures.add(0);
        call(shop);
        // (requested 100 - available 50) / restore 100 per second = 0.5 s
        assertEquals(List.of(Duration.ofMillis(500)), waits);
        assertEquals(2, shopify.graphqlRequests(shop.value()).size());
    }

    @Test
    void refreshesOnceAfterA401AndRetries() throws Exception {
        ShopDomain shop = installed();
        shopify.revokeAccess(shop.value());
        call(shop);
        assertEquals(1, shopify.tokenRequests(shop.value(), "refresh_token").size());
        assertEquals(2, shopify.graphqlRequests(shop.value()).size());
    }

    @Test
    void aShopWithoutTokenFailsWithoutCallingShopify() {
        ShopDomain shop = TestShops.unique("notoken");
        assertThrows(AdminApiClient.AdminApiException.class, () -> call(shop));
        assertEquals(0, shopify.graphqlRequests(shop.value()).size());
    }
}
