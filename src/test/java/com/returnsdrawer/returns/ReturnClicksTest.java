package com.returnsdrawer.returns;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.support.Sql;
import com.returnsdrawer.support.TestShops;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Clicks are group-committed: each is stored exactly once, and one that cannot be stored costs no other its row. */
@MicronautTest(transactional = false)
class ReturnClicksTest {

    @Inject
    Database database;
    @Inject
    ShopStore shops;
    @Inject
    ReturnClicks clicks;

    private long shopId;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void shop() {
        shopId = database.inTransaction(c -> shops.findOrCreate(c, TestShops.unique("clicks"), now)).id();
    }

    private long stored(long orderId) {
        return Sql.count(database, "SELECT COUNT(*) FROM return_clicks WHERE shop_id = ? AND order_id = ? AND customer_id = 77"
                + " AND provider = 'loop'", shopId, orderId);
    }

    @Test
    void concurrentClicksAreEachStoredOnceBeforeTheirFutureCompletes() throws Exception {
        ExecutorService shoppers = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<Long>> checked = new ArrayList<>();
            for (long orderId = 1; orderId <= 48; orderId++) {
                long id = orderId;
                // Each shopper looks for its row as soon as its own future completes: it must be there already.
                checked.add(CompletableFuture.supplyAsync(() -> clicks.record(shopId, id, 77, Provider.LOOP, now), shoppers)
                        .thenCompose(f -> f).thenApply(ignored -> stored(id)));
            }
            for (CompletableFuture<Long> one : checked) {
                assertEquals(1L, one.get(20, TimeUnit.SECONDS));
            }
        } finally {
            shoppers.shutdownNow();
        }
        assertEquals(48L, Sql.count(database, "SELECT COUNT(*) FROM return_clicks WHERE shop_id = ?", shopId));
        assertEquals(48L, clicks.perDay(shopId, now, 1).get(0).clicks());
    }

    @Test
    void aClickThatCannotBeStoredCostsTheOthersInItsGroupNothing() {
        long noSuchShop = shopId + 1_000_000;
        List<ReturnClicks.Click> group = List.of(
                new ReturnClicks.Click(shopId, 101, 77, "loop", now),
                new ReturnClicks.Click(noSuchShop, 102, 77, "loop", now),
                new ReturnClicks.Click(shopId, 103, 77, "loop", now));
        List<Database.DatabaseException> failed = clicks.insertAll(group);
        assertNull(failed.get(0));
        assertNotNull(failed.get(1), "a click of a shop that does not exist violates the foreign key");
        assertNull(failed.get(2));
        assertEquals(1L, stored(101));
        assertEquals(1L, stored(103));
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM return_clicks WHERE shop_id = ?", noSuchShop));
    }

    @Test
    void aFullGroupIsStoredInOneInsert() {
        List<ReturnClicks.Click> group = new ArrayList<>();
        for (long orderId = 201; orderId <= 264; orderId++) {
            group.add(new ReturnClicks.Click(shopId, orderId, 77, "loop", now));
        }
        List<Database.DatabaseException> failed = clicks.insertAll(group);
        assertEquals(64, failed.size());
        failed.forEach(e -> assertNull(e));
        assertEquals(64L, Sql.count(database, "SELECT COUNT(*) FROM return_clicks WHERE shop_id = ? AND order_id BETWEEN 201 AND 264", shopId));
    }

    @Test
    void afterShutDownAClickIsStillStoredOnTheCallersThread() throws Exception {
        ReturnClicks closing = new ReturnClicks(database, 1, 8);
        closing.close();
        closing.record(shopId, 301, 77, Provider.LOOP, now).get(10, TimeUnit.SECONDS);
        assertEquals(1L, stored(301));
    }
}
