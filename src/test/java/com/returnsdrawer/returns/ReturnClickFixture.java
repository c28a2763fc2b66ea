package com.returnsdrawer.returns;

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
import com.returnsdrawer.support.TestShops;
import io.micronaut.runtime.server.EmbeddedServer;

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

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A shop with one delivered order of customer 1001, its settings saved through the admin API, and signed clicks. */
final class ReturnClickFixture {

    static final String PREFIX = "/apps/returns-drawer";
    static final long CUSTOMER = 1001;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    final EmbeddedServer server;
    final ShopDomain shop;
    final long shopId;
    final long orderId;

    /** {@code zip} null: an order without a shipping zip. */
    ReturnClickFixture(EmbeddedServer server, String zip) {
        this.server = server;
        this.shop = TestShops.unique("deeplink");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Shop row = server.getApplicationContext().getBean(ShopStore.class).findOrCreate(shop, now);
        this.shopId = row.id();
        this.orderId = Math.abs(shop.hashCode()) * 100L + 1;
        OrderWriter writer = server.getApplicationContext().getBean(OrderWriter.class);
        Instant delivered = now.minus(Duration.ofDays(2));
        server.getApplicationContext().getBean(Database.class).inTransaction(c -> {
            writer.apply(c, shopId, new OrderSnapshot(orderId, CUSTOMER, "#1001", 1001L, "jon@example.com", zip, "en", "paid",
                    "fulfilled", "404.95", "USD", now.minus(Duration.ofDays(5)), now.minus(Duration.ofDays(5)), null,
                    List.of(new OrderSnapshot.LineItem(orderId * 10, "Aviator sunglasses", "Gold", 1, "89.99", 555L, 777L, null)),
                    List.of(new FulfillmentSnapshot(orderId * 7, orderId, "success", "delivered",
                            List.of(new FulfillmentSnapshot.Tracking("UPS", "1Z999", "https://ups.example/1Z999")),
                            delivered.minus(Duration.ofDays(1)), delivered, null))), now);
            return null;
        });
    }

    /** Saves the settings (with {@code apiKey} when not null) and expects 200. */
    void settings(String provider, String portalUrl, String apiKey) {
        Map<String, Object> body = new HashMap<>();
        body.put("provider", provider);
        body.put("portal_url", portalUrl);
        body.put("enabled", true);
        if (apiKey != null) {
            body.put("api_key", apiKey);
        }
        HttpResponse<String> response = AdminApi.put(server.getURI(), shop, "/api/settings", new String(Json.bytes(body)));
        assertEquals(200, response.statusCode(), response.body());
    }

    /** Saves the settings with {@code "api_key": null} (the key removed) and expects 200. */
    void removeApiKey(String provider, String portalUrl) {
        Map<String, Object> body = new HashMap<>();
        body.put("provider", provider);
        body.put("portal_url", portalUrl);
        body.put("enabled", true);
        body.put("api_key", null);
        HttpResponse<String> response = AdminApi.put(server.getURI(), shop, "/api/settings", new String(Json.bytes(body)));
        assertEquals(200, response.statusCode(), response.body());
    }

    HttpResponse<String> proxy(String path, Map<String, String> params) {
        String query = ShopifySigner.proxyQuery(ShopifySigner.SECRET, shop, CUSTOMER, PREFIX, params);
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(server.getURI() + "/proxy" + path + "?" + query)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Clicks "Start a return" and answers the redirect's Location, expecting a 302. */
    String click() {
        HttpResponse<String> response = proxy("/orders/" + orderId + "/return", Map.of());
        assertEquals(302, response.statusCode(), response.body());
        return response.headers().firstValue("Location").orElseThrow();
    }
}
