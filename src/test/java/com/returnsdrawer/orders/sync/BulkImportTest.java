package com.returnsdrawer.orders.sync;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.orders.OrderSnapshot;
import com.returnsdrawer.orders.OrderWriter;
import com.returnsdrawer.shop.Shop;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.shop.ShopTokens;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.TokenEndpoint;
import com.returnsdrawer.support.AdminApi;
import com.returnsdrawer.support.DrawerList;
import com.returnsdrawer.support.Json;
import com.returnsdrawer.support.ShopifyStandIn;
import com.returnsdrawer.support.Sql;
import com.returnsdrawer.support.TestDatabase;
import com.returnsdrawer.support.TestShops;
import com.returnsdrawer.support.WebhookDeliveryRequest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first import as a bulk operation, against the stand-in's bulkOperationRunQuery, node(id:), ordersCount and
 * JSONL result file: the rows it writes, the finish webhook, polling, failed and canceled operations, a download that
 * breaks off mid-file, a 120-item order, and a second instance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkImportTest {

    private ShopifyStandIn shopify;
    private EmbeddedServer server;
    private ApplicationContext context;
    private Database database;
    private OrderImporter importer;

    private Map<String, Object> props(String pollInterval) {
        Map<String, Object> props = new HashMap<>(TestDatabase.properties());
        props.put("shopify.shop-base-url", shopify.shopBaseUrl());
        props.put("orders.import-first-retry", "1s");
        props.put("orders.bulk-poll-interval", pollInterval);
        props.put("orders.bulk-batch-size", "10");
        props.put("micronaut.server.port", -1);
        return props;
    }

    @BeforeAll
    void start() throws Exception {
        shopify = new ShopifyStandIn();
        // Polls far apart: what finishes an import here is the webhook (or the test), unless a test says otherwise.
        server = ApplicationContext.run(EmbeddedServer.class, props("1h"), "test");
        context = server.getApplicationContext();
        database = context.getBean(Database.class);
        importer = context.getBean(OrderImporter.class);
    }

    @AfterAll
    void stop() {
        server.close();
        shopify.close();
    }

    private Shop installed(ShopDomain shop) throws Exception {
        context.getBean(ShopTokens.class).store(shop, context.getBean(TokenEndpoint.class).authorizationCode(shop, "good-code"));
        return context.getBean(ShopStore.class).find(shop).orElseThrow();
    }

    /** A shop of {@code n} orders whose first import has started a bulk operation that Shopify is still running. */
    private Shop waitingOnShopify(ShopDomain domain, int n, long base) throws Exception {
        shopify.orders(domain.value(), orders(n, base));
        shopify.bulkRunsUntilFinished.add(domain.value());
        Shop shop = installed(domain);
        importer.scheduleFirst(shop.id());
        importer.run(shop);
        return shop;
    }

    private static List<Map<String, Object>> orders(int n, long base) {
        return OrderImporterTest.orders(n, base);
    }

    private long count(Shop shop) {
        return Sql.count(database, "SELECT COUNT(*) FROM orders WHERE shop_id = ? AND customer_id IS NOT NULL", shop.id());
    }

    private long lineItems(Shop shop, long orderId) {
        return Sql.count(database, "SELECT COUNT(*) FROM order_line_items li JOIN orders o ON o.id = li.order_pk"
                + " WHERE o.shop_id = ? AND o.order_id = ?", shop.id(), orderId);
    }

    private Map<String, Object> importRow(Shop shop) {
        return Sql.one(database, "SELECT * FROM order_imports WHERE shop_id = ?", shop.id());
    }

    private int intOf(Shop shop, String column) {
        return ((Number) importRow(shop).get(column)).intValue();
    }

    private void setImportRow(Shop shop, String assignments) {
        database.withConnection(c -> c.createStatement().executeUpdate(
                "UPDATE order_imports SET " + assignments + " WHERE shop_id = " + shop.id()));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 300 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    private HttpResponse<String> finishWebhook(ShopDomain domain, ShopifyStandIn.BulkOp op) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("admin_graphql_api_id", op.id);
        body.put("completed_at", "COMPLETED".equals(op.status) ? "2026-11-20T10:05:00Z" : null);
        body.put("created_at", "2026-11-20T10:00:00Z");
        body.put("error_code", op.errorCode == null ? null : op.errorCode.toLowerCase());
        body.put("status", op.status.toLowerCase());
        body.put("type", "query");
        return WebhookDeliveryRequest.of("bulk_operations/finish", domain, body).send(server.getURI());
    }

    @Test
    void aFirstImportRunsOneBulkOperationAndWritesEveryOrderWithItsChildren() throws Exception {
        ShopDomain domain = TestShops.unique("bulk");
        List<Map<String, Object>> nodes = orders(45, 7_200_000_000L);
        ShopifyStandIn.withReturns(nodes.get(3), "gid://shopify/Return/71", "OPEN", "gid://shopify/Return/72", "CLOSED");
        shopify.orders(domain.value(), nodes);
        Shop shop = installed(domain);
        importer.scheduleFirst(shop.id());
        importer.run(shop);

        assertEquals(45, count(shop));
        assertEquals(1, lineItems(shop, 7_200_000_000L));
        Map<String, Object> first = Sql.one(database, "SELECT * FROM orders WHERE shop_id = ? AND order_id = ?", shop.id(), 7_200_000_000L);
        assertEquals("delivered", first.get("display_status"));
        assertEquals("https://cdn.shopify.com/mug.png", first.get("image_url"));
        assertEquals("2026-10-05T10:00", first.get("delivered_at").toString().substring(0, 16).replace(' ', 'T'),
                "GraphQL's deliveredAt, from the order line's inline fulfillments");
        Map<String, Object> fulfillment = Sql.one(database, "SELECT f.* FROM fulfillments f JOIN orders o ON o.id = f.order_pk"
                + " WHERE o.shop_id = ? AND o.order_id = ?", shop.id(), 7_200_000_000L);
        assertTrue(String.valueOf(fulfillment.get("tracking")).contains("JD0001"), String.valueOf(fulfillment.get("tracking")));
        assertEquals(2L, Sql.count(database, "SELECT COUNT(*) FROM order_returns WHERE shop_id = ? AND order_id = ?",
                shop.id(), 7_200_000_003L), "the returns' lines joined to their order");
        DrawerList.assertInStep(database, shop.id());

        Map<String, Object> row = importRow(shop);
        assertEquals("done", row.get("status"));
        assertEquals("bulk", row.get("kind"));
        assertEquals(45, intOf(shop, "imported_count"));
        assertEquals(45, intOf(shop, "total_count"), "ordersCount at the start");
        assertNull(row.get("bulk_operation_id"));
        assertEquals(1, shopify.bulkOperations(domain.value()).size());
        String query = shopify.bulkOperations(domain.value()).get(0).query;
        assertTrue(query.contains("orders(query: \"created_at:>='"), query);
        assertTrue(shopify.graphqlRequests(domain.value()).stream().anyMatch(r -> String.valueOf(r.body().get("query")).contains("ordersCount")));
    }

    @Test
    void theFinishWebhookCompletesAnImportAndTheStatusShowsImportedOfTotal() throws Exception {
        ShopDomain domain = TestShops.unique("bulk-hook");
        Shop shop = waitingOnShopify(domain, 40, 7_300_000_000L);

        Map<String, Object> waiting = importRow(shop);
        assertEquals("running", waiting.get("status"));
        assertTrue(String.valueOf(waiting.get("bulk_operation_id")).startsWith("gid://shopify/BulkOperation/"));
        assertNull(waiting.get("lease_until"), "no instance holds the lease while Shopify works");
        assertEquals(0, count(shop));
        Map<String, Object> status = Json.read(AdminApi.get(server.getURI(), domain, "/api/status").body().getBytes());
        Map<?, ?> running = (Map<?, ?>) status.get("order_import");
        assertEquals("running", running.get("status"));
        assertEquals(0, running.get("imported_count"));
        assertEquals(40, running.get("total_count"));

        ShopifyStandIn.BulkOp op = shopify.finishBulk(domain.value(), "COMPLETED", null);
        assertEquals(200, finishWebhook(domain, op).statusCode());
        await("the webhook finished the import", () -> "done".equals(importRow(shop).get("status")));
        assertEquals(40, count(shop));
        Map<?, ?> done = (Map<?, ?>) Json.read(AdminApi.get(server.getURI(), domain, "/api/status").body().getBytes()).get("order_import");
        assertEquals("done", done.get("status"));
        assertEquals(40, done.get("imported_count"));
        assertEquals(40, done.get("total_count"));
        assertEquals(1, shopify.bulkOperations(domain.value()).size());
    }

    @Test
    void aFailedOperationIsShownAsFailedAndANewOneIsTriedAfterABackoff() throws Exception {
        ShopDomain domain = TestShops.unique("bulk-failed");
        Shop shop = waitingOnShopify(domain, 12, 7_400_000_000L);
        ShopifyStandIn.BulkOp op = shopify.finishBulk(domain.value(), "FAILED", "INTERNAL_SERVER_ERROR");
        assertEquals(200, finishWebhook(domain, op).statusCode());
        await("shown as failed", () -> "failed".equals(importRow(shop).get("status")));
        assertTrue(String.valueOf(importRow(shop).get("error")).contains("failed (INTERNAL_SERVER_ERROR)"));
        assertEquals(ImportStatus.FAILED, context.getBean(OrderImports.class).progress(shop.id()).orElseThrow().status());
        assertEquals(0, count(shop));

        // The retry (first one within a second here, within a minute by default) starts a new operation.
        shopify.bulkRunsUntilFinished.remove(domain.value());
        await("a second operation, after the backoff", () -> shopify.bulkOperations(domain.value()).size() == 2);
        await("the retry imported the orders", () -> "done".equals(importRow(shop).get("status")));
        assertEquals(12, count(shop));
        assertNull(importRow(shop).get("error"));
    }

    @Test
    void aCanceledOperationIsFailedNotDoneAndRetried() throws Exception {
        ShopDomain domain = TestShops.unique("bulk-canceled");
        Shop shop = waitingOnShopify(domain, 7, 7_500_000_000L);
        shopify.finishBulk(domain.value(), "CANCELED", null);
        // No webhook: whatever looks next (here the poll's own call) finds it canceled.
        importer.run(shop);
        Map<String, Object> row = importRow(shop);
        assertEquals("failed", row.get("status"));
        assertTrue(String.valueOf(row.get("error")).contains("canceled"), String.valueOf(row.get("error")));
        assertTrue(row.get("lease_until") != null, "a retry is due later");
        shopify.bulkRunsUntilFinished.remove(domain.value());
        await("retried", () -> "done".equals(importRow(shop).get("status")));
        assertEquals(7, count(shop));
    }

    @Test
    void aReadThatBreaksOffMidFileContinuesFromTheRecordedPositionAfterARestart() throws Exception {
        ShopDomain domain = TestShops.unique("bulk-resume");
        List<Map<String, Object>> nodes = orders(50, 7_600_000_000L);
        shopify.orders(domain.value(), nodes);
        Shop shop = installed(domain);
        int fileLength = ShopifyStandIn.jsonl(nodes).length;
        shopify.bulkCutAfterBytes = fileLength / 2;
        importer.scheduleFirst(shop.id());
        importer.run(shop);

        Map<String, Object> stopped = importRow(shop);
        assertEquals("pending", stopped.get("status"), "a broken download may pass: kept, not failed");
        long position = ((Number) stopped.get("file_position")).longValue();
        int imported = intOf(shop, "imported_count");
        assertTrue(position > 0 && position < fileLength / 2, "position " + position);
        assertTrue(imported > 0 && imported < 50 && imported % 10 == 0, "whole batches only: " + imported);
        assertEquals(imported, count(shop), "the count and the rows commit together");
        String operation = String.valueOf(stopped.get("bulk_operation_id"));

        // The process died; another one starts after the lease ran out.
        setImportRow(shop, "status = 'running', lease_until = '2000-01-01 00:00:00'");
        importer.resumeUnfinished();
        assertEquals("done", importRow(shop).get("status"));
        assertEquals(50, count(shop));
        assertEquals(50, intOf(shop, "imported_count"), "no order counted twice");
        assertEquals(1, shopify.bulkOperations(domain.value()).size(), "the same operation, no second one");
        assertEquals(operation, shopify.bulkOperations(domain.value()).get(0).id);
        List<String> downloads = shopify.bulkDownloads;
        assertEquals("bytes=" + position + "-", downloads.get(downloads.size() - 1), "read on from the position");
        DrawerList.assertInStep(database, shop.id());
    }

    @Test
    void anOrderWith120LineItemsIsImportedWholeAndReconciliationNeverShortensIt() throws Exception {
        ShopDomain domain = TestShops.unique("bulk-items");
        long orderId = 7_700_000_001L;
        Map<String, Object> big = ShopifyStandIn.graphqlOrderWithItems(orderId, 42, "2026-11-01T10:00:00Z", 120);
        List<Map<String, Object>> nodes = new ArrayList<>(orders(3, 7_700_000_100L));
        nodes.add(1, big);
        shopify.orders(domain.value(), nodes);
        Shop shop = installed(domain);
        importer.scheduleFirst(shop.id());
        importer.run(shop);
        assertEquals(120, lineItems(shop, orderId), "every line item of the file");
        assertEquals(120, ((Number) Sql.one(database, "SELECT item_count FROM orders WHERE shop_id = ? AND order_id = ?",
                shop.id(), orderId).get("item_count")).intValue());

        // A later change, read by the paged reconciliation: 25 items a page, the rest through order(id:).
        Map<String, Object> changed = ShopifyStandIn.graphqlOrderWithItems(orderId, 42, "2026-11-02T10:00:00Z", 120);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) ((Map<String, Object>) changed.get("lineItems")).get("nodes");
        items.get(119).put("title", "Renamed last item");
        shopify.orders(domain.value(), List.of(changed));
        importer.schedule(shop.id(), Instant.now().minusSeconds(3600), false);
        importer.run(shop);
        assertEquals(120, lineItems(shop, orderId), "never fewer line items than the order has");
        assertEquals("Renamed last item", Sql.one(database, "SELECT li.title FROM order_line_items li JOIN orders o ON o.id = li.order_pk"
                + " WHERE o.shop_id = ? AND o.order_id = ? AND li.line_item_id = ?", shop.id(), orderId, orderId * 1000 + 119).get("title"));
        assertTrue(shopify.graphqlRequests(domain.value()).stream()
                .filter(r -> String.valueOf(r.body().get("query")).contains("ReturnsDrawerOrderLineItems")).count() >= 1);
    }

    @Test
    void aSecondInstanceStartingMeanwhileNeitherStartsASecondOperationNorWritesWithoutTheLease() throws Exception {
        ShopDomain domain = TestShops.unique("bulk-two");
        Shop shop = waitingOnShopify(domain, 30, 7_800_000_000L);
        assertEquals(1, shopify.bulkOperations(domain.value()).size());

        // A second instance starts while Shopify runs the operation; it polls often.
        try (ApplicationContext second = ApplicationContext.run(props("300ms"), "test")) {
            OrderImporter other = second.getBean(OrderImporter.class);
            other.resumeUnfinished();
            other.onInstalled(new com.returnsdrawer.shop.ShopInstalled(domain));
            Thread.sleep(700);
            assertEquals(1, shopify.bulkOperations(domain.value()).size(), "no second operation while one runs");
            assertEquals("running", importRow(shop).get("status"));

            shopify.finishBulk(domain.value(), "COMPLETED", null);
            // No webhook arrives: the second instance's poll finds the operation completed and imports it.
            await("the poll finished it", () -> "done".equals(importRow(shop).get("status")));
            assertEquals(30, count(shop));
            assertEquals(30, intOf(shop, "imported_count"));
        }

        // An instance whose lease passed to another writes nothing more: the batch rolls back whole.
        OrderImports imports = context.getBean(OrderImports.class);
        importer.scheduleFirst(shop.id());
        assertTrue(imports.claim(shop.id(), "first", Instant.now()));
        setImportRow(shop, "lease_until = '2000-01-01 00:00:00'");
        assertTrue(imports.claim(shop.id(), "second", Instant.now()), "the lease ran out and passed on");
        OrderWriter writer = context.getBean(OrderWriter.class);
        OrderSnapshot late = new OrderSnapshot(7_800_000_999L, 5L, "#999", 999L, null, null, null, "paid", null, "1.00", "EUR",
                Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z"), null, List.of(), List.of());
        assertThrows(OrderImports.LeaseLost.class, () -> database.inTransaction(c -> {
            imports.recordBatch(shop.id(), "first", 999, 1, Instant.now());
            writer.applyAll(c, shop.id(), List.of(late), Instant.now());
            return null;
        }));
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM orders WHERE shop_id = ? AND order_id = ?", shop.id(), 7_800_000_999L));
        assertEquals("second", importRow(shop).get("lease_owner"));
    }
}
