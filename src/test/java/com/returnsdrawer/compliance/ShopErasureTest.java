package com.returnsdrawer.compliance;

import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.support.AppProcess;
import com.returnsdrawer.support.Orders;
import com.returnsdrawer.support.SessionTokens;
import com.returnsdrawer.support.ShopifySigner;
import com.returnsdrawer.support.TestDatabase;
import com.returnsdrawer.support.TestShops;
import com.returnsdrawer.support.WebhookDeliveryRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * shop/redact of a big shop, with the app started as an operator starts it: the 200 comes at once and nothing of
 * the shop is served from then on; the erasure runs in the background, and after a kill -9 in the middle of it
 * the restarted app finishes it.
 */
class ShopErasureTest {

    private static final int ORDERS = 200_000;
    private static final long CUSTOMER = 77;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void shopRedactOfABigShopAnswersAtOnceStopsServingItAndErasesItEvenAcrossAKill(@TempDir Path dir) throws Exception {
        TestDatabase.Shared db = TestDatabase.shared();
        ShopDomain shop = TestShops.unique("erasure");
        int port = AppProcess.freePort();
        Map<String, String> env = new HashMap<>(db.environment());
        env.put("SHOPIFY_API_KEY", SessionTokens.API_KEY);
        env.put("SHOPIFY_API_SECRET", ShopifySigner.SECRET);
        env.put("SHOPIFY_APP_URL", "https://returns-drawer.test");
        env.put("TOKEN_ENCRYPTION_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        env.put("MICRONAUT_SERVER_PORT", String.valueOf(port));
        // Slow batches, so that the kill surely comes in the middle of the erasure.
        env.put("COMPLIANCE_REDACTION_PAUSE", "50ms");
        URI base = URI.create("http://127.0.0.1:" + port);

        Process first = start(dir, env, "first");
        try {
            assertEquals(200, awaitHealth(base, first));
            assertEquals(200, WebhookDeliveryRequest.of("orders/create", shop, Orders.order(1, CUSTOMER, Instant.now()))
                    .send(base).statusCode());
            long shopId = seedOrders(db, shop);
            assertEquals(ORDERS + 1, count(db, "SELECT COUNT(*) FROM orders WHERE shop_id = ?", shopId));
            assertEquals(200, proxy(base, shop).statusCode());
            assertEquals(200, admin(base, shop).statusCode());

            long started = System.nanoTime();
            var redact = WebhookDeliveryRequest.of("shop/redact", shop, Map.of("shop_id", 1, "shop_domain", shop.value()));
            assertEquals(200, redact.send(base).statusCode());
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(tookMs < 5_000, "shop/redact answered after " + tookMs + " ms");
            assertEquals(404, proxy(base, shop).statusCode());
            assertEquals(401, admin(base, shop).statusCode());

            // Under way in the background: kill the app in the middle of it.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (count(db, "SELECT COUNT(*) FROM orders WHERE shop_id = ?", shopId) > ORDERS - 5_000) {
                assertTrue(System.nanoTime() < deadline, "the erasure did not start");
                Thread.sleep(20);
            }
            first.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            long left = count(db, "SELECT COUNT(*) FROM orders WHERE shop_id = ?", shopId);
            assertTrue(left > 0, "the kill came before the erasure ended");
            assertEquals(1, count(db, "SELECT COUNT(*) FROM shops WHERE id = ? AND redact_requested_at IS NOT NULL", shopId));
        } finally {
            first.destroyForcibly();
        }

        env.put("COMPLIANCE_REDACTION_PAUSE", "0ms");
        Process second = start(dir, env, "second");
        try {
            assertEquals(200, awaitHealth(base, second));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (count(db, "SELECT COUNT(*) FROM shops WHERE domain = ?", shop.value()) > 0) {
                assertTrue(System.nanoTime() < deadline, "the restarted app did not finish the erasure");
                Thread.sleep(100);
            }
            assertEquals(0, count(db, "SELECT COUNT(*) FROM orders o LEFT JOIN shops s ON s.id = o.shop_id WHERE s.id IS NULL"));
            assertEquals(1, count(db, "SELECT COUNT(*) FROM webhook_deliveries WHERE shop_domain = ?", shop.value()),
                    "only the shop/redact record stays");
            assertEquals(1, count(db, "SELECT COUNT(*) FROM compliance_requests WHERE shop_domain = ? AND kind = 'shop_redact'",
                    shop.value()));
        } finally {
            second.destroy();
            second.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** 200,000 orders of one customer in multi-row inserts: seconds, not a webhook each. */
    private static long seedOrders(TestDatabase.Shared db, ShopDomain shop) throws Exception {
        long shopId = count(db, "SELECT id FROM shops WHERE domain = ?", shop.value());
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (int from = 2; from < ORDERS + 2; from += 1000) {
                StringBuilder sql = new StringBuilder("INSERT INTO orders (shop_id, order_id, customer_id, email, zip,"
                        + " display_status, synced_at) VALUES ");
                for (int i = from; i < from + 1000 && i < ORDERS + 2; i++) {
                    if (i > from) {
                        sql.append(", ");
                    }
                    sql.append('(').append(shopId).append(", ").append(i).append(", ").append(CUSTOMER)
                            .append(", 'jon@example.com', '10115', 'delivered', '2026-11-01 00:00:00')");
                }
                st.executeUpdate(sql.toString());
            }
        }
        return shopId;
    }

    private static HttpResponse<String> proxy(URI base, ShopDomain shop) throws Exception {
        String query = ShopifySigner.proxyQuery(ShopifySigner.SECRET, shop, CUSTOMER, "/apps/returns-drawer",
                Map.of("format", "json"));
        return HTTP.send(HttpRequest.newBuilder(base.resolve("/proxy/orders?" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> admin(URI base, ShopDomain shop) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve("/api/settings"))
                .header("Authorization", "Bearer " + SessionTokens.valid(shop)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long count(TestDatabase.Shared db, String sql, Object... args) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Process start(Path dir, Map<String, String> env, String name) throws IOException {
        return AppProcess.builder(dir, env).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    private static int awaitHealth(URI base, Process process) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                return HTTP.send(HttpRequest.newBuilder(base.resolve("/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        return -1;
    }
}
