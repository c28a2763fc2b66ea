package com.returnsdrawer.webhooks;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shopify.ShopDomain;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The group-commit queue is bounded: past its bytes, or after a delivery waited ~4 s for a writer, the delivery is
 * answered 503 without being recorded, so Shopify's retry applies it once; every 200 is recorded.
 */
@MicronautTest(transactional = false)
@Property(name = "webhooks.group-commit.writers", value = "1")
@Property(name = "webhooks.group-commit.max-queued-bytes", value = "30000")
// 1 s rather than the default 4 s: the embedded database gives up a row-lock wait after a few seconds.
@Property(name = "webhooks.group-commit.max-wait", value = "1s")
class WebhookBackpressureTest {

    @Inject
    EmbeddedServer server;
    @Inject
    Database database;
    @Inject
    DeliveryWriter writer;

    private final ExecutorService senders = Executors.newFixedThreadPool(32);
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(5, ChronoUnit.DAYS);

    @AfterEach
    void stopSenders() {
        senders.shutdownNow();
    }

    private static void until(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(5);
        }
    }

    private long recorded(String webhookId) {
        return Sql.count(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = ?", webhookId);
    }

    private Future<HttpResponse<String>> sendAsync(WebhookDeliveryRequest request) {
        return senders.submit(() -> request.send(server.getURI()));
    }

    /** Holds the row lock of {@code orderId} and sends one delivery for it, so the only writer waits on that lock. */
    private Blocked blockTheWriter(ShopDomain shop, long orderId) throws Exception {
        assertEquals(200, WebhookDeliveryRequest.of("orders/create", shop, Orders.order(orderId, 1, t0))
                .send(server.getURI()).statusCode());
        OrderLock lock = OrderLock.hold(database, shop, orderId);
        long taken = writer.groupCommit().taken();
        Future<HttpResponse<String>> first = sendAsync(
                WebhookDeliveryRequest.of("orders/updated", shop, Orders.order(orderId, 2, t0.plusSeconds(1))));
        until(() -> writer.groupCommit().taken() == taken + 1, "the writer to take the first delivery");
        return new Blocked(lock.releaseLatch(), lock.holder(), first);
    }

    private record Blocked(CountDownLatch gate, CompletableFuture<Void> holder, Future<HttpResponse<String>> first) {
        void release() throws Exception {
            gate.countDown();
            holder.get(10, TimeUnit.SECONDS);
            assertEquals(200, first.get(20, TimeUnit.SECONDS).statusCode());
        }
    }

    @Test
    void aFullQueueAnswers503UnrecordedAndEvery200IsRecordedOnce() throws Exception {
        ShopDomain shop = TestShops.unique("full");
        Blocked blocked = blockTheWriter(shop, 1);
        List<WebhookDeliveryRequest> burst = new ArrayList<>();
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (long id = 100; id < 120; id++) {
            WebhookDeliveryRequest request = WebhookDeliveryRequest.of("orders/create", shop, Orders.order(id, 7, t0));
            burst.add(request);
            answers.add(sendAsync(request));
        }
        // The queue holds what its bytes allow; the rest is refused at once, while the writer is still blocked.
        until(() -> answers.stream().filter(Future::isDone).count() + writer.groupCommit().queued() == burst.size(),
                "every delivery to be queued or refused");
        long refusedWhileBlocked = answers.stream().filter(Future::isDone).count();
        assertTrue(refusedWhileBlocked > 0, "a full queue refuses");
        assertTrue(writer.groupCommit().queued() > 0, "the queue takes what fits");
        for (Future<HttpResponse<String>> answer : answers) {
            if (answer.isDone()) {
                assertEquals(503, answer.get().statusCode());
            }
        }
        blocked.release();

        List<WebhookDeliveryRequest> retry = new ArrayList<>();
        for (int i = 0; i < burst.size(); i++) {
            int status = answers.get(i).get(20, TimeUnit.SECONDS).statusCode();
            String id = burst.get(i).id();
            if (status == 200) {
                assertEquals(1L, recorded(id), "an acknowledged delivery is recorded");
            } else {
                assertEquals(503, status);
                assertEquals(0L, recorded(id), "a refused delivery is not recorded");
                retry.add(burst.get(i));
            }
        }
        assertEquals(refusedWhileBlocked, retry.size());
        for (WebhookDeliveryRequest request : retry) {
            assertEquals(200, request.send(server.getURI()).statusCode(), "Shopify's retry is accepted");
            assertEquals(1L, recorded(request.id()));
        }
        assertEquals(20L, Sql.count(database, """
                SELECT COUNT(*) FROM orders o JOIN shops s ON s.id = o.shop_id
                WHERE s.domain = ? AND o.order_id BETWEEN 100 AND 119""", shop.value()));
        assertEquals(0L, writer.groupCommit().queuedBytes(), "nothing is left accounted in the queue");
    }

    @Test
    void aDeliveryThatWaitedLongerThanMaxWaitIsAnswered503AndItsRetryApplied() throws Exception {
        ShopDomain shop = TestShops.unique("waited");
        Blocked blocked = blockTheWriter(shop, 1);
        WebhookDeliveryRequest late = WebhookDeliveryRequest.of("orders/create", shop, Orders.order(2, 7, t0));
        Future<HttpResponse<String>> answer = sendAsync(late);
        until(() -> writer.groupCommit().queued() == 1, "the delivery to queue");
        Thread.sleep(1_400);
        blocked.release();

        HttpResponse<String> response = answer.get(20, TimeUnit.SECONDS);
        assertEquals(503, response.statusCode());
        assertEquals(0L, recorded(late.id()));
        assertEquals(200, late.send(server.getURI()).statusCode());
        assertEquals(1L, recorded(late.id()));
    }
}
