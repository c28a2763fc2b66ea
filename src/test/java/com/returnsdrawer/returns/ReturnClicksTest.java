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
    @Inject
    ReturnClickRepository repository;

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
                checked.add(CompletableFuture.supplyAsync(() -> clicks.record(shopId, id, 77, Provider.LOOP, Surface.DRAWER, now), shoppers)
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
                new ReturnClicks.Click(shopId, 101, 77, "loop", Surface.DRAWER, now),
                new ReturnClicks.Click(noSuchShop, 102, 77, "loop", Surface.DRAWER, now),
                new ReturnClicks.Click(shopId, 103, 77, "loop", Surface.DRAWER, now));
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
            group.add(new ReturnClicks.Click(shopId, orderId, 77, "loop", Surface.DRAWER, now));
        }
        List<Database.DatabaseException> failed = clicks.insertAll(group);
        assertEquals(64, failed.size());
        failed.forEach(e -> assertNull(e));
        assertEquals(64L, Sql.count(database, "SELECT COUNT(*) FROM return_clicks WHERE shop_id = ? AND order_id BETWEEN 201 AND 264", shopId));
    }

    @Test
    void aClickIsCountedOncePerOrderCustomerAndUtcDayEvenWithinOneGroup() {
        Instant morning = Instant.parse("2026-11-20T08:00:00Z");
        List<Database.DatabaseException> failed = clicks.insertAll(List.of(
                new ReturnClicks.Click(shopId, 401, 77, "loop", Surface.DRAWER, morning),
                new ReturnClicks.Click(shopId, 401, 77, "loop", Surface.DRAWER, morning.plusSeconds(60)),
                new ReturnClicks.Click(shopId, 401, 78, "loop", Surface.DRAWER, morning),
                new ReturnClicks.Click(shopId, 402, 77, "loop", Surface.DRAWER, morning)));
        failed.forEach(e -> assertNull(e));
        assertNull(clicks.insertAll(List.of(new ReturnClicks.Click(shopId, 401, 77, "loop", Surface.DRAWER, morning.plusSeconds(3600)))).get(0));
        assertNull(clicks.insertAll(List.of(new ReturnClicks.Click(shopId, 401, 77, "loop", Surface.DRAWER, morning.plus(1, ChronoUnit.DAYS)))).get(0));
        assertEquals(2L, stored(401), "once on each of the two days");
        assertEquals(List.of(new ReturnClicks.Day("2026-11-20", 3, 3, 0), new ReturnClicks.Day("2026-11-21", 1, 1, 0)),
                clicks.perDay(shopId, morning.plus(1, ChronoUnit.DAYS), 2));
    }

    @Test
    void afterShutDownAClickIsStillStoredOnTheCallersThread() throws Exception {
        ReturnClicks closing = new ReturnClicks(database, repository, 1, 8);
        closing.close();
        closing.record(shopId, 301, 77, Provider.LOOP, Surface.DRAWER, now).get(10, TimeUnit.SECONDS);
        assertEquals(1L, stored(301));
    }

    @Test
    void perDayCountsEachUtcDayOfTheShopOldestFirstWithEmptyDays() {
        Instant today = Instant.parse("2026-11-20T08:00:00Z");
        clicks.insertAll(List.of(
                new ReturnClicks.Click(shopId, 1, 77, "loop", Surface.DRAWER, Instant.parse("2026-11-20T00:00:00Z")),
                new ReturnClicks.Click(shopId, 2, 77, "loop", Surface.DRAWER, Instant.parse("2026-11-20T07:59:59Z")),
                new ReturnClicks.Click(shopId, 3, 78, "loop", Surface.DRAWER, Instant.parse("2026-11-18T23:59:59Z")),
                new ReturnClicks.Click(shopId, 4, 78, "loop", Surface.DRAWER, Instant.parse("2026-11-17T23:59:59Z")),
                new ReturnClicks.Click(shopId, 6, 79, "loop", Surface.CUSTOMER_ACCOUNT, Instant.parse("2026-11-20T05:00:00Z"))));
        long otherShop = database.inTransaction(c -> shops.findOrCreate(c, TestShops.unique("clicks-other"), now)).id();
        clicks.insertAll(List.of(new ReturnClicks.Click(otherShop, 5, 77, "loop", Surface.DRAWER, Instant.parse("2026-11-20T01:00:00Z"))));

        assertEquals(List.of(new ReturnClicks.Day("2026-11-18", 1, 1, 0), new ReturnClicks.Day("2026-11-19", 0, 0, 0),
                new ReturnClicks.Day("2026-11-20", 3, 2, 1)), clicks.perDay(shopId, today, 3));
    }

    @Test
    void aCustomersClicksAreExportedAndForgottenWithinTheirShopOnly() {
        long otherShop = database.inTransaction(c -> shops.findOrCreate(c, TestShops.unique("clicks-other"), now)).id();
        clicks.insertAll(List.of(
                new ReturnClicks.Click(shopId, 12, 77, "loop", Surface.DRAWER, now),
                new ReturnClicks.Click(shopId, 11, 77, "narvar", Surface.DRAWER, now.minusSeconds(60)),
                new ReturnClicks.Click(shopId, 13, 78, "loop", Surface.DRAWER, now),
                new ReturnClicks.Click(otherShop, 14, 77, "loop", Surface.DRAWER, now)));

        assertEquals(List.of(new ReturnClicks.Recorded(11, "narvar", "drawer", now.minusSeconds(60)),
                new ReturnClicks.Recorded(12, "loop", "drawer", now)), clicks.ofCustomer(shopId, 77));

        clicks.forgetCustomer(shopId, 77);
        assertEquals(List.of(), clicks.ofCustomer(shopId, 77));
        assertEquals(1, clicks.ofCustomer(shopId, 78).size(), "another customer keeps theirs");
        assertEquals(1, clicks.ofCustomer(otherShop, 77).size(), "the same customer id in another shop keeps theirs");

        clicks.forgetShop(shopId);
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM return_clicks WHERE shop_id = ?", shopId));
        assertEquals(1L, Sql.count(database, "SELECT COUNT(*) FROM return_clicks WHERE shop_id = ?", otherShop));
    }
}
