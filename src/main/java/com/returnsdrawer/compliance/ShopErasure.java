package com.returnsdrawer.compliance;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.orders.OrderReturns;
import com.returnsdrawer.orders.OrderWriter;
import com.returnsdrawer.returns.ReturnClicks;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.webhooks.DeliveryLog;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The background half of shop/redact: erases every shop marked by {@link ShopStore#markRedactRequested} in short
 * batches (one transaction each, so live traffic never waits behind a big delete), then forgets the shop row.
 * It runs after each shop/redact commits, at start-up (resuming what a stopped or killed process left), and
 * every few minutes as a safety net; a second instance doing the same deletes changes nothing.
 */
@Singleton
class ShopErasure implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ShopErasure.class);
    private static final Duration SWEEP = Duration.ofMinutes(5);

    /** Published inside the shop/redact delivery's transaction; the erasure starts once it has committed. */
    record Requested(long shopId) {
    }

    private final Database database;
    private final ShopStore shops;
    private final OrderWriter orders;
    private final OrderReturns returns;
    private final ReturnClicks clicks;
    private final DeliveryLog deliveries;
    private final int batchSize;
    private final Duration pause;
    private final ScheduledExecutorService runner = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "shop-erasure");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean queued = new AtomicBoolean();

    ShopErasure(Database database, ShopStore shops, OrderWriter orders, OrderReturns returns, ReturnClicks clicks,
                DeliveryLog deliveries,
                @Value("${compliance.redaction.batch-size:1000}") int batchSize,
                @Value("${compliance.redaction.pause:10ms}") Duration pause) {
        this.database = database;
        this.shops = shops;
        this.orders = orders;
        this.returns = returns;
        this.clicks = clicks;
        this.deliveries = deliveries;
        this.batchSize = Math.max(1, batchSize);
        this.pause = pause;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        runner.scheduleWithFixedDelay(this::runQuietly, 0, SWEEP.toSeconds(), TimeUnit.SECONDS);
    }

    @TransactionalEventListener
    void onRequested(Requested event) {
        if (queued.compareAndSet(false, true)) {
            runner.execute(this::runQuietly);
        }
    }

    /** Stops between two batches: what is left is resumed at the next start-up. */
    @PreDestroy
    void close() throws InterruptedException {
        runner.shutdownNow();
        runner.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void runQuietly() {
        queued.set(false);
        try {
            for (long shopId : shops.idsRedactRequested()) {
                erase(shopId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("shop erasure stopped ({}); it resumes at the next sweep", e.getMessage());
        }
    }

    private void erase(long shopId) throws InterruptedException {
        Optional<ShopDomain> domain = shops.domainOf(shopId);
        if (domain.isEmpty()) {
            return;
        }
        // The shop/redact records themselves stay: they keep a redelivery a duplicate.
        long erased = inBatches(c -> deliveries.forgetShopBatch(c, domain.get(), "shop/redact", batchSize));
        erased += inBatches(c -> clicks.forgetShopBatch(c, shopId, batchSize));
        // A shop holds far fewer returns than orders: one statement.
        erased += database.inTransaction(c -> returns.forgetShop(c, shopId));
        erased += inBatches(c -> orders.forgetShopBatch(c, shopId, batchSize));
        // What is left hangs off the shop row by foreign key (settings, import progress): small, gone with it.
        database.inTransaction(c -> {
            shops.forget(shopId);
            return null;
        });
        LOG.info("shop/redact for shop {}: erased ({} rows in batches)", domain.get(), erased);
    }

    private long inBatches(Database.Work<Integer> batch) throws InterruptedException {
        long total = 0;
        int deleted;
        do {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            deleted = database.inTransaction(batch);
            total += deleted;
            if (deleted > 0 && !pause.isZero()) {
                Thread.sleep(pause.toMillis());
            }
        } while (deleted > 0);
        return total;
    }
}
