package com.returnsdrawer.webhooks;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shop.Shop;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.support.DrawerList;
import com.returnsdrawer.support.OrderLock;
import com.returnsdrawer.support.Orders;
import com.returnsdrawer.support.Sql;
import com.returnsdrawer.support.TestShops;
import com.returnsdrawer.support.WebhookDeliveryRequest;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deliveries that arrive while the (single) writer waits on a locked order are committed as one group: each is
 * answered 200 only after that commit, each is applied exactly once, and what a group cannot decide on its own
 * (a repeated delivery id, a shop that is not installed, a delivery recorded before) is stored as a lone
 * delivery would be.
 */
@MicronautTest(transactional = false)
@Property(name = "webhooks.group-commit.writers", value = "1")
class WebhookGroupCommitTest {

    @Inject
    EmbeddedServer server;
    @Inject
    Database database;
    @Inject
    ShopStore shops;
    @Inject
    DeliveryWriter ingestor;

    private final ExecutorService senders = Executors.newFixedThreadPool(32);

    @AfterEach
    void stopSenders() {
        senders.shutdownNow();
    }
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(5, ChronoUnit.DAYS);

    private static void until(BooleanSupplier condition, java.util.function.Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, () -> "timed out waiting for " + what.get());
            Thread.sleep(5);
        }
    }

    private Future<HttpResponse<String>> sendAsync(WebhookDeliveryRequest request) {
        return senders.submit(() -> request.send(server.getURI()));
    }

    private Map<String, Object> order(ShopDomain shop, long orderId) {
        return Sql.one(database, """
                SELECT o.* FROM orders o JOIN shops s ON s.id = o.shop_id WHERE s.domain = ? AND o.order_id = ?""",
                shop.value(), orderId);
    }

    /**
     * Holds the row lock of {@code orderId} and sends one delivery for it, so the only writer waits on that
     * lock; returns the latch that lets it go, and the first delivery's answer.
     */
    private Blocked blockTheWriter(ShopDomain shop, long orderId) throws Exception {
        assertEquals(200, WebhookDeliveryRequest.of("orders/create", shop, Orders.order(orderId, 1, t0))
                .send(server.getURI()).statusCode());
        OrderLock lock = OrderLock.hold(database, shop, orderId);
        long taken = ingestor.groupCommit().taken();
        Future<HttpResponse<String>> first = sendAsync(
                WebhookDeliveryRequest.of("orders/updated", shop, Orders.order(orderId, 2, t0.plusSeconds(1))));
        until(() -> ingestor.groupCommit().taken() == taken + 1, () -> "the writer to take the first delivery");
        return new Blocked(lock.releaseLatch(), lock.holder(), first);
    }

    /**
     * Sends the burst while the writer is blocked, waits until all of it is queued (none answered: nothing is
     * answered before its commit), lets the writer go, and expects every delivery acknowledged.
     */
    private void sendBehind(Blocked blocked, List<WebhookDeliveryRequest> burst) throws Exception {
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (WebhookDeliveryRequest request : burst) {
            answers.add(sendAsync(request));
        }
        until(() -> ingestor.groupCommit().queued() == burst.size(), () -> "the burst to queue behind the writer: "
                + ingestor.groupCommit().queued() + " of " + burst.size());
        for (Future<HttpResponse<String>> answer : answers) {
            assertFalse(answer.isDone(), "nothing is answered before its commit");
        }
        blocked.release();
        for (Future<HttpResponse<String>> answer : answers) {
            assertEquals(200, answer.get(20, TimeUnit.SECONDS).statusCode());
        }
    }

    private record Blocked(CountDownLatch gate, CompletableFuture<Void> holder, Future<HttpResponse<String>> first) {
        void release() throws Exception {
            gate.countDown();
            holder.get(10, TimeUnit.SECONDS);
            assertEquals(200, first.get(20, TimeUnit.SECONDS).statusCode());
        }
    }

    @Test
    void aBurstIsCommittedAsOneGroupAndEachDeliveryAppliedOnce() throws Exception {
        ShopDomain shop = TestShops.unique("group");
        ShopDomain gone = TestShops.unique("group-gone");
        Shop goneShop = shops.findOrCreate(gone, t0);
        shops.markUninstalled(goneShop.id(), Instant.now());
        Blocked blocked = blockTheWriter(shop, 1);

        List<WebhookDeliveryRequest> burst = new ArrayList<>();
        for (long id = 100; id < 110; id++) {
            burst.add(WebhookDeliveryRequest.of("orders/create", shop, Orders.order(id, 1000 + id, t0)));
        }
        // Two snapshots of one order in the same group, the newer one sent first: the newer one wins.
        burst.add(WebhookDeliveryRequest.of("orders/updated", shop, Orders.order(200, 8, t0.plusSeconds(20))));
        burst.add(WebhookDeliveryRequest.of("orders/updated", shop, Orders.order(200, 7, t0.plusSeconds(10))));
        // One order dropping a line item another order of the group keeps (the fixture's ids are shared).
        Map<String, Object> fewer = Orders.order(300, 9, t0.plusSeconds(30));
        @SuppressWarnings("unchecked")
        List<Object> items = (List<Object>) fewer.get("line_items");
        items.remove(0);
        burst.add(WebhookDeliveryRequest.of("orders/updated", shop, fewer));
        // The same delivery twice, and a delivery for a shop that uninstalled before it was triggered.
        WebhookDeliveryRequest twice = WebhookDeliveryRequest.of("orders/create", shop, Orders.order(400, 4, t0));
        burst.add(twice);
        burst.add(WebhookDeliveryRequest.of("orders/create", shop, Orders.order(400, 4, t0)).id(twice.id()));
        burst.add(WebhookDeliveryRequest.of("orders/create", gone, Orders.order(500, 5, t0)).triggeredAt(t0));

        long together = ingestor.committedTogether();
        sendBehind(blocked, burst);

        // The ten orders, the two snapshots of order 200 and order 300 in one group; the repeated id and the
        // uninstalled shop stored one by one.
        assertEquals(14, ingestor.committedTogether() - together);
        for (WebhookDeliveryRequest request : burst) {
            assertEquals(1L, Sql.count(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = ?", request.id()));
        }
        for (long id = 100; id < 110; id++) {
            assertEquals(1000 + id, ((Number) order(shop, id).get("customer_id")).longValue());
        }
        assertEquals(8L, ((Number) order(shop, 200).get("customer_id")).longValue());
        assertEquals(2L, ((Number) order(shop, 1).get("customer_id")).longValue());
        assertEquals(4L, Sql.count(database, "SELECT COUNT(*) FROM order_line_items WHERE order_pk = ?", order(shop, 300).get("id")));
        assertEquals(5L, Sql.count(database, "SELECT COUNT(*) FROM order_line_items WHERE order_pk = ?", order(shop, 109).get("id")));
        assertEquals("ignored_uninstalled", Sql.one(database,
                "SELECT outcome FROM webhook_deliveries WHERE webhook_id = ?", burst.get(burst.size() - 1).id()).get("outcome"));
        assertEquals(0L, Sql.count(database, """
                SELECT COUNT(*) FROM orders o JOIN shops s ON s.id = o.shop_id WHERE s.domain = ?""", gone.value()));
        // The group's one copy into the drawer's list: order 200 on customer 8's list (the newer snapshot) only.
        long shopId = shops.find(shop).orElseThrow().id();
        DrawerList.assertInStep(database, shopId);
        assertEquals(List.of(200L), DrawerList.orderIds(database, shopId, 8));
        assertEquals(List.of(), DrawerList.orderIds(database, shopId, 7));
    }

    @Test
    void aGroupWithADeliveryRecordedBeforeIsStoredOneByOneAndLosesNothing() throws Exception {
        ShopDomain shop = TestShops.unique("group-dup");
        WebhookDeliveryRequest earlier = WebhookDeliveryRequest.of("orders/create", shop, Orders.order(600, 6, t0));
        assertEquals(200, earlier.send(server.getURI()).statusCode());
        Blocked blocked = blockTheWriter(shop, 1);

        List<WebhookDeliveryRequest> burst = new ArrayList<>();
        for (long id = 700; id < 705; id++) {
            burst.add(WebhookDeliveryRequest.of("orders/create", shop, Orders.order(id, id, t0)));
        }
        // Shopify's retry of the earlier delivery, with a newer payload it must not apply a second time.
        burst.add(WebhookDeliveryRequest.of("orders/updated", shop, Orders.order(600, 66, t0.plusSeconds(60))).id(earlier.id()));

        long together = ingestor.committedTogether();
        sendBehind(blocked, burst);

        assertEquals(0, ingestor.committedTogether() - together, "the group was rolled back as a whole");
        assertEquals(1L, Sql.count(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = ?", earlier.id()));
        assertEquals(6L, ((Number) order(shop, 600).get("customer_id")).longValue(), "the duplicate was not applied");
        for (long id = 700; id < 705; id++) {
            assertEquals(id, ((Number) order(shop, id).get("customer_id")).longValue());
        }
        long shopId = shops.find(shop).orElseThrow().id();
        DrawerList.assertInStep(database, shopId);
        assertEquals(List.of(600L), DrawerList.orderIds(database, shopId, 6), "the rolled-back group left no copy behind");
        assertEquals(List.of(), DrawerList.orderIds(database, shopId, 66));
    }
}
