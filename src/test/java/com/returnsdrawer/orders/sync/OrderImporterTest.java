package com.returnsdrawer.orders.sync;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.orders.OrderReturns;
import com.returnsdrawer.orders.OrderSnapshot;
import com.returnsdrawer.orders.ReturnStatus;
import com.returnsdrawer.orders.OrderWriter;
import com.returnsdrawer.shop.Shop;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.shop.ShopTokens;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.TokenEndpoint;
import com.returnsdrawer.support.DrawerList;
import com.returnsdrawer.support.ShopifyStandIn;
import com.returnsdrawer.support.Sql;
import com.returnsdrawer.support.TestDatabase;
import com.returnsdrawer.support.TestShops;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderImporterTest {

    private ShopifyStandIn shopify;
    private ApplicationContext context;
    private Database database;
    private OrderImporter importer;

    @BeforeAll
    void start() throws Exception {
        shopify = new ShopifyStandIn();
        Map<String, Object> props = new HashMap<>(TestDatabase.properties());
        props.put("shopify.shop-base-url", shopify.shopBaseUrl());
        props.put("orders.import-first-retry", "1s");
        context = ApplicationContext.run(props, "test");
        database = context.getBean(Database.class);
        importer = context.getBean(OrderImporter.class);
    }

    @AfterAll
    void stop() {
        context.close();
        shopify.close();
    }

    private Shop installed(ShopDomain shop) throws Exception {
        context.getBean(ShopTokens.class).store(shop, context.getBean(TokenEndpoint.class).authorizationCode(shop, "good-code"));
        return context.getBean(ShopStore.class).find(shop).orElseThrow();
    }

    static List<Map<String, Object>> orders(int n, long base) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(ShopifyStandIn.graphqlOrder(base + i, 900 + (i % 3), "2026-11-01T10:00:" + String.format("%02d", i % 60) + "Z",
                    i % 2 == 0 ? "DELIVERED" : "IN_TRANSIT"));
        }
        return out;
    }

    private long count(Shop shop) {
        return Sql.count(database, "SELECT COUNT(*) FROM orders WHERE shop_id = ? AND customer_id IS NOT NULL", shop.id());
    }

    private Map<String, Object> importRow(Shop shop) {
        return Sql.one(database, "SELECT * FROM order_imports WHERE shop_id = ?", shop.id());
    }

    private void setImportRow(Shop shop, String assignments) {
        database.withConnection(c -> c.createStatement().executeUpdate(
                "UPDATE order_imports SET " + assignments + " WHERE shop_id = " + shop.id()));
    }

    private List<Object> afterCursors(ShopDomain domain) {
        return shopify.graphqlRequests(domain.value()).stream()
                .map(r -> ((Map<?, ?>) r.body().get("variables")).get("after")).map(a -> (Object) a).toList();
    }

    @Test
    void importsEveryPageIntoTheOrderTablesWithImagesAndDeliveryTimes() throws Exception {
        ShopDomain domain = TestShops.unique("import");
        shopify.orders(domain.value(), orders(60, 7_000_000_000L));
        Shop shop = installed(domain);
        importer.schedule(shop.id(), Instant.now().minusSeconds(86400 * 60), false);
        importer.run(shop);
        assertEquals(60, count(shop));
        assertEquals(3, shopify.graphqlRequests(domain.value()).size(), "25 + 25 + 10");
        Map<String, Object> first = Sql.one(database, "SELECT * FROM orders WHERE shop_id = ? AND order_id = ?", shop.id(), 7_000_000_000L);
        assertEquals("delivered", first.get("display_status"));
        assertEquals("https://cdn.shopify.com/mug.png", first.get("image_url"));
        assertEquals("2026-10-05T10:00", first.get("delivered_at").toString().substring(0, 16).replace(' ', 'T'));
        DrawerList.assertInStep(database, shop.id());
        assertEquals(60L, Sql.count(database, "SELECT COUNT(*) FROM drawer_orders WHERE shop_id = ?", shop.id()),
                "every imported order is on its customer's list");
        ImportProgress progress = context.getBean(OrderImports.class).progress(shop.id()).orElseThrow();
        assertEquals(ImportStatus.DONE, progress.status());
        assertEquals(60, progress.importedCount());
        assertEquals("done", importRow(shop).get("status"), "the column keeps its words");
        String filter = String.valueOf(((Map<?, ?>) shopify.graphqlRequests(domain.value()).get(0).body().get("variables")).get("query"));
        assertTrue(filter.startsWith("updated_at:>'"), filter);
    }

    @Test
    void importBringsEachOrdersReturnsAndALaterWebhookStillWins() throws Exception {
        ShopDomain domain = TestShops.unique("import-returns");
        List<Map<String, Object>> nodes = orders(30, 7_100_000_000L);
        ShopifyStandIn.withReturns(nodes.get(0), "gid://shopify/Return/31", "CLOSED", "gid://shopify/Return/32", "REQUESTED");
        ShopifyStandIn.withReturns(nodes.get(27), "gid://shopify/Return/33", "OPEN");
        shopify.orders(domain.value(), nodes);
        Shop shop = installed(domain);
        importer.schedule(shop.id(), Instant.now().minusSeconds(86400 * 60), false);
        importer.run(shop);
        assertEquals(List.of(Map.of("return_id", 31L, "order_id", 7_100_000_000L, "status", "closed"),
                        Map.of("return_id", 32L, "order_id", 7_100_000_000L, "status", "requested"),
                        Map.of("return_id", 33L, "order_id", 7_100_000_027L, "status", "open")),
                Sql.rows(database, "SELECT return_id, order_id, status FROM order_returns WHERE shop_id = ? ORDER BY return_id",
                        shop.id()).stream().map(r -> Map.of("return_id", ((Number) r.get("return_id")).longValue(),
                        "order_id", ((Number) r.get("order_id")).longValue(), "status", r.get("status"))).toList(),
                "both pages' returns");

        // A reconciliation that read an older state than a webhook triggered after it changes nothing.
        database.inTransaction(c -> {
            context.getBean(OrderReturns.class).write(c, List.of(new OrderReturns.Stated(shop.id(), 32, 7_100_000_000L,
                    ReturnStatus.DECLINED, Instant.now().plusSeconds(60))));
            return null;
        });
        importer.schedule(shop.id(), Instant.now().minusSeconds(86400 * 60), false);
        importer.run(shop);
        assertEquals("declined", Sql.one(database, "SELECT status FROM order_returns WHERE shop_id = ? AND return_id = 32",
                shop.id()).get("status"));
    }

    @Test
    void neverOverwritesNewerStateFromAWebhook() throws Exception {
        ShopDomain domain = TestShops.unique("newer");
        shopify.orders(domain.value(), List.of(ShopifyStandIn.graphqlOrder(8_000_000_001L, 5, "2026-11-01T10:00:00Z", "IN_TRANSIT")));
        Shop shop = installed(domain);
        database.inTransaction(c -> context.getBean(OrderWriter.class).apply(c, shop.id(), new OrderSnapshot(8_000_000_001L, 5L,
                "#1", 1L, null, null, null, "refunded", null, "1.00", "EUR", Instant.parse("2026-10-01T00:00:00Z"),
                Instant.parse("2026-11-02T00:00:00Z"), Instant.parse("2026-11-02T00:00:00Z"), List.of(), List.of()), Instant.now()));
        importer.schedule(shop.id(), Instant.now().minusSeconds(3600), false);
        importer.run(shop);
        Map<String, Object> row = Sql.one(database, "SELECT * FROM orders WHERE shop_id = ? AND order_id = ?", shop.id(), 8_000_000_001L);
        assertEquals("refunded", row.get("financial_status"));
        assertEquals("cancelled", row.get("display_status"));
        DrawerList.assertInStep(database, shop.id());
    }

    @Test
    void resumesFromTheSavedCursorAfterACrash() throws Exception {
        ShopDomain domain = TestShops.unique("resume");
        shopify.orders(domain.value(), orders(50, 6_000_000_000L));
        Shop shop = installed(domain);
        // An earlier process imported the first page, saved its cursor, and died holding the lease.
        importer.schedule(shop.id(), Instant.now().minusSeconds(86400), false);
        setImportRow(shop, "status = 'running', cursor_value = '25', imported_count = 25, lease_until = '2000-01-01 00:00:00'");
        importer.resumeUnfinished();
        assertEquals(25, count(shop), "only the pages after the cursor");
        assertEquals("25", String.valueOf(afterCursors(domain).get(0)));
        assertEquals(50, context.getBean(OrderImports.class).progress(shop.id()).orElseThrow().importedCount());
    }

    @Test
    void anotherInstancesLiveLeaseIsRespectedUntilItRunsOut() throws Exception {
        ShopDomain domain = TestShops.unique("lease");
        shopify.orders(domain.value(), orders(5, 5_000_000_000L));
        Shop shop = installed(domain);
        importer.schedule(shop.id(), Instant.now().minusSeconds(86400), false);
        // Another instance claimed the import and is between pages.
        setImportRow(shop, "status = 'running', lease_until = '2999-01-01 00:00:00', started_at = '2026-11-01 00:00:00'");
        Map<String, Object> held = importRow(shop);

        importer.run(shop);
        importer.resumeUnfinished();
        assertEquals(0, shopify.graphqlRequests(domain.value()).size(), "no call while the lease is live");
        assertEquals(held, importRow(shop), "the other instance's row is untouched");
        assertEquals(0, count(shop));

        // That instance died: its lease runs out, and the same import now runs here.
        setImportRow(shop, "lease_until = '2000-01-01 00:00:00'");
        importer.run(shop);
        assertEquals(1, shopify.graphqlRequests(domain.value()).size());
        assertEquals(5, count(shop));
        Map<String, Object> finished = importRow(shop);
        assertEquals("done", finished.get("status"));
        assertEquals(5, ((Number) finished.get("imported_count")).intValue());
        assertNull(finished.get("lease_until"), "the lease is released");
    }

    @Test
    void twoInstancesStartingOneImportFetchEachPageOnce() throws Exception {
        ShopDomain domain = TestShops.unique("race");
        shopify.orders(domain.value(), orders(60, 2_000_000_000L));
        Shop shop = installed(domain);
        importer.schedule(shop.id(), Instant.now().minusSeconds(86400), false);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        shopify.graphqlDelayMillis = 300;
        try {
            Future<?> first = instances.submit(() -> importer.run(shop));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (shopify.graphqlRequests(domain.value()).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            // The first holds the lease and waits for its first page: the second must not start a second import.
            instances.submit(() -> importer.run(shop)).get(10, TimeUnit.SECONDS);
            assertEquals(1, shopify.graphqlRequests(domain.value()).size(), "the second instance called nobody");
            first.get(30, TimeUnit.SECONDS);
        } finally {
            shopify.graphqlDelayMillis = 0;
            instances.shutdownNow();
        }
        assertEquals(Arrays.asList(null, "25", "50"), afterCursors(domain), "one importer walked the pages, once");
        assertEquals(60, count(shop));
        assertEquals(60, context.getBean(OrderImports.class).progress(shop.id()).orElseThrow().importedCount());
    }

    @Test
    void aPageThatFailsToWriteLeavesNeitherItsOrdersNorItsProgress() throws Exception {
        ShopDomain domain = TestShops.unique("halfway");
        long poisoned = 1_900_000_000_030L;
        shopify.orders(domain.value(), orders(40, poisoned - 30));
        Shop shop = installed(domain);
        importer.schedule(shop.id(), Instant.now().minusSeconds(86400), false);
        // The database refuses one order of the second page, after that page's progress was recorded.
        database.withConnection(c -> c.createStatement().executeUpdate(
                "ALTER TABLE orders ADD CONSTRAINT ck_import_test CHECK (order_id <> " + poisoned + ")"));
        try {
            importer.run(shop);
        } finally {
            database.withConnection(c -> c.createStatement().executeUpdate("ALTER TABLE orders DROP CONSTRAINT ck_import_test"));
        }
        assertEquals(2, shopify.graphqlRequests(domain.value()).size());
        assertEquals(25, count(shop), "the first page only");
        Map<String, Object> row = importRow(shop);
        assertEquals("failed", row.get("status"));
        assertEquals(25, ((Number) row.get("imported_count")).intValue(), "the failed page's count rolled back with its orders");
        DrawerList.assertInStep(database, shop.id());
    }

    @Test
    void anImportShopifyKeepsFailingIsKeptPendingWithNothingHalfWrittenAndRetriedLater() throws Exception {
        ShopDomain domain = TestShops.unique("fail");
        shopify.orders(domain.value(), orders(30, 3_000_000_000L));
        Shop shop = installed(domain);
        importer.schedule(shop.id(), Instant.now().minusSeconds(86400), false);
        for (int i = 0; i < 5; i++) {
            shopify.graphqlFailures.add(500);
        }
        importer.run(shop);
        Map<String, Object> row = importRow(shop);
        assertEquals("pending", row.get("status"));
        assertTrue(String.valueOf(row.get("error")).contains("500"), String.valueOf(row.get("error")));
        assertNotNull(row.get("lease_until"), "no instance takes it up before the backoff ends");
        assertEquals(0, count(shop));
        awaitDone(shop);
        assertEquals(30, count(shop));
    }

    @Test
    void aRefreshTheTokenEndpointFailsKeepsTheTokensAndTheImportRetriesWithinAMinute() throws Exception {
        ShopDomain domain = TestShops.unique("retry");
        shopify.orders(domain.value(), orders(30, 3_100_000_000L));
        Shop shop = installed(domain);
        database.withConnection(c -> c.createStatement().executeUpdate(
                "UPDATE shops SET access_token_expires_at = '2000-01-01 00:00:00' WHERE id = " + shop.id()));
        shopify.tokenFailures.add(503);
        importer.schedule(shop.id(), Instant.now().minusSeconds(86400), false);
        importer.run(shop);
        Map<String, Object> row = importRow(shop);
        assertEquals("pending", row.get("status"), "not failed: the shop kept its tokens");
        assertTrue(context.getBean(ShopTokens.class).hasUsableToken(domain));
        assertTrue(importer.retryDelay(1).compareTo(java.time.Duration.ofMinutes(1)) < 0);
        assertTrue(importer.retryDelay(3).compareTo(importer.retryDelay(2)) > 0, "backs off");
        awaitDone(shop);
        assertEquals(30, count(shop));
        assertEquals(2, shopify.tokenRequests(domain.value(), "refresh_token").size(), "the failed refresh, then one that worked");
    }

    private void awaitDone(Shop shop) throws InterruptedException {
        for (int i = 0; i < 200 && !"done".equals(importRow(shop).get("status")); i++) {
            Thread.sleep(100);
        }
        assertEquals("done", importRow(shop).get("status"), String.valueOf(importRow(shop)));
    }
}
