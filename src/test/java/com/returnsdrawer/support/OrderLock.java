package com.returnsdrawer.support;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shopify.ShopDomain;

import java.sql.PreparedStatement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The row lock of one stored order, held in a transaction of its own until {@link #release()}: a webhook writer that
 * applies that order waits on it, so deliveries sent meanwhile queue behind the blocked writer.
 */
public final class OrderLock {

    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletableFuture<Void> holder;

    private OrderLock(Database database, ShopDomain shop, long orderId, CountDownLatch locked) {
        holder = CompletableFuture.runAsync(() -> database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT o.id FROM orders o JOIN shops s ON s.id = o.shop_id
                    WHERE s.domain = ? AND o.order_id = ? FOR UPDATE""")) {
                ps.setString(1, shop.value());
                ps.setLong(2, orderId);
                ps.executeQuery().close();
            }
            locked.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
    }

    /** Takes the lock; returns once it is held. */
    public static OrderLock hold(Database database, ShopDomain shop, long orderId) throws InterruptedException {
        CountDownLatch locked = new CountDownLatch(1);
        OrderLock lock = new OrderLock(database, shop, orderId, locked);
        if (!locked.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the order's row lock was not taken within 10 s");
        }
        return lock;
    }

    /** The latch that lets the lock go. */
    public CountDownLatch releaseLatch() {
        return release;
    }

    /** The transaction holding the lock; done once released. */
    public CompletableFuture<Void> holder() {
        return holder;
    }
}
