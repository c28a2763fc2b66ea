package com.returnsdrawer.webhooks;

import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.support.AppProcess;
import com.returnsdrawer.support.Orders;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 200 means durably recorded: the app, started as an operator starts it, is killed abruptly (SIGKILL) in the
 * middle of a burst; after a restart every acknowledged delivery is found applied, and Shopify's retries of
 * the others apply each exactly once.
 */
class WebhookCrashRecoveryTest {

    private static final int DELIVERIES = 300;

    @Test
    void everyAcknowledgedDeliverySurvivesAKillMidBurst(@TempDir Path dir) throws Exception {
        TestDatabase.Shared db = TestDatabase.shared();
        ShopDomain shop = TestShops.unique("crash");
        int port = AppProcess.freePort();
        Map<String, String> env = new HashMap<>(db.environment());
        env.put("SHOPIFY_API_KEY", "test-api-key");
        env.put("SHOPIFY_API_SECRET", "test-api-secret");
        env.put("SHOPIFY_APP_URL", "https://returns-drawer.test");
        env.put("TOKEN_ENCRYPTION_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        env.put("MICRONAUT_SERVER_PORT", String.valueOf(port));
        URI base = URI.create("http://127.0.0.1:" + port);

        List<WebhookDeliveryRequest> burst = new ArrayList<>();
        Instant t = Instant.now();
        for (int i = 0; i < DELIVERIES; i++) {
            burst.add(WebhookDeliveryRequest.of("orders/create", shop, Orders.order(10_000 + i, 77, t)).id("crash-" + shop.handle() + "-" + i));
        }

        Process app = start(dir, env, "first");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try {
            assertEquals(200, awaitHealth(base, app));
            AtomicInteger next = new AtomicInteger();
            ExecutorService senders = Executors.newFixedThreadPool(6);
            for (int s = 0; s < 6; s++) {
                senders.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < DELIVERIES) {
                        try {
                            if (burst.get(i).send(base).statusCode() == 200) {
                                acknowledged.add(burst.get(i).id());
                            }
                        } catch (RuntimeException e) {
                            // the app is gone: Shopify would retry this one later
                        }
                    }
                });
            }
            while (acknowledged.size() < DELIVERIES / 3) {
                Thread.sleep(5);
            }
            app.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            senders.shutdown();
            assertTrue(senders.awaitTermination(60, TimeUnit.SECONDS));
        } finally {
            app.destroyForcibly();
        }
        assertTrue(acknowledged.size() < DELIVERIES, "the kill came mid-burst");

        Process restarted = start(dir, env, "second");
        try {
            assertEquals(200, awaitHealth(base, restarted));
            Map<String, Long> recorded = recordedDeliveries(db, shop);
            for (String id : acknowledged) {
                assertTrue(recorded.containsKey(id), "acknowledged delivery " + id + " was lost");
            }
            assertEquals(recorded.size(), ordersOf(db, shop), "each recorded delivery has its order");

            // Shopify retries what it did not see acknowledged.
            for (WebhookDeliveryRequest request : burst) {
                if (!acknowledged.contains(request.id())) {
                    assertEquals(200, request.send(base).statusCode());
                }
            }
            assertEquals(DELIVERIES, recordedDeliveries(db, shop).size());
            assertEquals(DELIVERIES, ordersOf(db, shop));
        } finally {
            restarted.destroy();
            restarted.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static Process start(Path dir, Map<String, String> env, String name) throws IOException {
        return AppProcess.builder(dir, env).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    private static int awaitHealth(URI base, Process process) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                return client.send(HttpRequest.newBuilder(base.resolve("/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        return -1;
    }

    private static Map<String, Long> recordedDeliveries(TestDatabase.Shared db, ShopDomain shop) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT webhook_id, COUNT(*) FROM webhook_deliveries WHERE shop_domain = ? GROUP BY webhook_id")) {
            ps.setString(1, shop.value());
            Map<String, Long> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        }
    }

    private static long ordersOf(TestDatabase.Shared db, ShopDomain shop) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM orders o JOIN shops s ON s.id = o.shop_id WHERE s.domain = ? AND o.customer_id = 77")) {
            ps.setString(1, shop.value());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
