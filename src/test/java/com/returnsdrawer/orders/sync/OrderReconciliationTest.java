package com.returnsdrawer.orders.sync;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shop.Shop;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.shop.ShopTokens;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.TokenEndpoint;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderReconciliationTest {

    private ShopifyStandIn shopify;
    private ApplicationContext context;
    private Database database;
    private OrderImporter importer;
    private OrderReconciliation reconciliation;

    @BeforeAll
    void start() throws Exception {
        shopify = new ShopifyStandIn();
        Map<String, Object> props = new HashMap<>(TestDatabase.properties());
        props.put("shopify.shop-base-url", shopify.shopBaseUrl());
        context = ApplicationContext.run(props, "test");
        database = context.getBean(Database.class);
        importer = context.getBean(OrderImporter.class);
        reconciliation = context.getBean(OrderReconciliation.class);
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

    private long count(Shop shop) {
        return Sql.count(database, "SELECT COUNT(*) FROM orders WHERE shop_id = ? AND customer_id IS NOT NULL", shop.id());
    }

    private String filterOfRequest(ShopDomain domain, int index) {
        return String.valueOf(((Map<?, ?>) shopify.graphqlRequests(domain.value()).get(index).body().get("variables")).get("query"));
    }

    private List<Long> due() {
        return reconciliation.shopsDue();
    }

    @Test
    void reconciliationRepairsLostDeliveriesForInstalledShops() throws Exception {
        ShopDomain domain = TestShops.unique("reconcile");
        Shop shop = installed(domain);
        shopify.orders(domain.value(), List.of());
        importer.schedule(shop.id(), Instant.now().minusSeconds(86400), false);
        importer.run(shop);
        assertEquals(0, count(shop));
        assertFalse(due().contains(shop.id()), "synced just now");
        // A webhook was lost; the last sync was long ago.
        shopify.orders(domain.value(), OrderImporterTest.orders(3, 4_000_000_000L));
        database.withConnection(c -> c.createStatement().executeUpdate(
                "UPDATE order_imports SET last_synced_at = '2026-01-01 00:00:00' WHERE shop_id = " + shop.id()));
        assertTrue(due().contains(shop.id()));
        reconciliation.reconcile();
        assertEquals(3, count(shop));
        assertEquals("updated_at:>'2025-12-31T23:55:00Z'", filterOfRequest(domain, 1), "since the last sync, with overlap");
    }

    @Test
    void aShopWithATokenButNoImportGetsItsFirstImport() throws Exception {
        ShopDomain domain = TestShops.unique("noimport");
        shopify.orders(domain.value(), OrderImporterTest.orders(2, 4_100_000_000L));
        Shop shop = installed(domain);
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM order_imports WHERE shop_id = ?", shop.id()));
        reconciliation.reconcile();
        assertEquals(2, count(shop));
        assertEquals("done", Sql.one(database, "SELECT status FROM order_imports WHERE shop_id = ?", shop.id()).get("status"));
        assertEquals(1, shopify.bulkOperations(domain.value()).size(), "a first import: one bulk operation");
        assertTrue(shopify.bulkOperations(domain.value()).get(0).query.contains("created_at:>='"),
                shopify.bulkOperations(domain.value()).get(0).query);
    }

    @Test
    void anImportAbandonedByItsInstanceIsRunOnFromItsCursor() throws Exception {
        ShopDomain domain = TestShops.unique("abandoned");
        shopify.orders(domain.value(), OrderImporterTest.orders(30, 4_200_000_000L));
        Shop shop = installed(domain);
        importer.schedule(shop.id(), Instant.now().minusSeconds(86400), false);
        database.withConnection(c -> c.createStatement().executeUpdate("UPDATE order_imports SET status = 'running', "
                + "cursor_value = '25', imported_count = 25, lease_until = '2000-01-01 00:00:00' WHERE shop_id = " + shop.id()));
        reconciliation.reconcile();
        assertEquals(5, count(shop), "only the page after the cursor");
        assertEquals(30, context.getBean(OrderImports.class).progress(shop.id()).orElseThrow().importedCount());
    }

    @Test
    void uninstalledShopsAreLeftAlone() throws Exception {
        ShopDomain domain = TestShops.unique("gone");
        shopify.orders(domain.value(), OrderImporterTest.orders(2, 4_300_000_000L));
        Shop shop = installed(domain);
        context.getBean(ShopStore.class).markUninstalled(shop.id(), Instant.now());
        assertFalse(due().contains(shop.id()));
        assertEquals(0, shopify.graphqlRequests(domain.value()).size());
    }
}
