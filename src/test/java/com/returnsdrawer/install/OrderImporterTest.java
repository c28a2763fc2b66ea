package com.returnsdrawer.install;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.orders.OrderSnapshot;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    private static List<Map<String, Object>> orders(int n, long base) {
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

    @Test
    void importsEveryPageIntoTheOrderTablesWithImagesAndDeliveryTimes() throws Exception {
        ShopDomain domain = TestShops.unique("import");
        shopify.orders(domain.value(), orders(60, 7_000_000_000L));
        Shop shop = installed(domain);
        importer.schedule(shop.id(), Instant.now().minusSeconds(86400 * 60), true);
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
        OrderImporter.Progress progress = importer.progress(shop.id()).orElseThrow();
        assertEquals("done", progress.status());
        assertEquals(60, progress.importedCount());
        String filter = String.valueOf(((Map<?, ?>) shopify.graphqlRequests(domain.value()).get(0).body().get("variables")).get("query"));
        assertTrue(filter.startsWith("updated_at:>'"), filter);
    }

    @Test
    void neverOverwritesNewerStateFromAWebhook() throws Exception {
        ShopDomain domain = TestShops.unique("newer");
        shopify.orders(domain.value(), List.of(ShopifyStandIn.graphqlOrder(8_000_000_001L, 5, "2026-11-01T10:00:00Z", "IN_TRANSIT")));
        Shop shop = installed(domain);
        database.inTransaction(c -> context.getBean(OrderWriter.class).apply(c, shop.id(), new OrderSnapshot(8_000_000_001L, 5L,
                "#1", 1L, null, null, null, "refunded", null, "1.00", "EUR", Instant.parse("2026-10-01T00:00:00Z"),
                Instant.parse("2026-11-02T00:00:00Z"), Instant.parse("2026-11-02T00:00:00Z"), List.of(), List.of()), Instant.now()));
        importer.schedule(shop.id(), Instant.now().minusSeconds(3600), true);
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
        importer.schedule(shop.id(), Instant.now().minusSeconds(86400), true);
        database.withConnection(c -> c.createStatement().executeUpdate("UPDATE order_imports SET status = 'running', "
                + "cursor_value = '25', imported_count = 25, lease_until = '2000-01-01 00:00:00' WHERE shop_id = " + shop.id()));
        importer.resumeUnfinished();
        assertEquals(25, count(shop), "only the pages after the cursor");
        assertEquals("25", String.valueOf(((Map<?, ?>) shopify.graphqlRequests(domain.value()).get(0).body().get("variables")).get("after")));
        assertEquals(50, importer.progress(shop.id()).orElseThrow().importedCount());
    }

    @Test
    void anotherInstancesLiveLeaseIsRespected() throws Exception {
        ShopDomain domain = TestShops.unique("lease");
        shopify.orders(domain.value(), orders(5, 5_000_000_000L));
        Shop shop = installed(domain);
        importer.schedule(shop.id(), Instant.now().minusSeconds(86400), true);
        database.withConnection(c -> c.createStatement().executeUpdate("UPDATE order_imports SET status = 'running', "
                + "lease_until = '2999-01-01 00:00:00' WHERE shop_id = " + shop.id()));
        importer.run(shop);
        assertEquals(0, shopify.graphqlRequests(domain.value()).size());
    }

    @Test
    void reconciliationRepairsLostDeliveriesForInstalledShops() throws Exception {
        ShopDomain domain = TestShops.unique("reconcile");
        Shop shop = installed(domain);
        shopify.orders(domain.value(), List.of());
        importer.schedule(shop.id(), Instant.now().minusSeconds(86400), true);
        importer.run(shop);
        assertEquals(0, count(shop));
        // A webhook was lost; the last sync was long ago.
        shopify.orders(domain.value(), orders(3, 4_000_000_000L));
        database.withConnection(c -> c.createStatement().executeUpdate(
                "UPDATE order_imports SET last_synced_at = '2026-01-01 00:00:00' WHERE shop_id = " + shop.id()));
        assertTrue(importer.shopsDueForReconciliation().contains(shop.id()));
        importer.reconcile();
        assertEquals(3, count(shop));
        String filter = String.valueOf(((Map<?, ?>) shopify.graphqlRequests(domain.value()).get(1).body().get("variables")).get("query"));
        assertEquals("updated_at:>'2025-12-31T23:55:00Z'", filter, "since the last sync, with overlap");
    }

    @Test
    void failedImportIsRecordedAndNothingHalfWritten() throws Exception {
        ShopDomain domain = TestShops.unique("fail");
        shopify.orders(domain.value(), orders(30, 3_000_000_000L));
        Shop shop = installed(domain);
        importer.schedule(shop.id(), Instant.now().minusSeconds(86400), true);
        for (int i = 0; i < 5; i++) {
            shopify.graphqlFailures.add(500);
        }
        importer.run(shop);
        assertEquals("failed", importer.progress(shop.id()).orElseThrow().status());
        assertEquals(0, count(shop));
    }
}
