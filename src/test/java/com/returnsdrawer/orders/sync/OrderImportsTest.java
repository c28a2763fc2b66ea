package com.returnsdrawer.orders.sync;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.support.Sql;
import com.returnsdrawer.support.TestShops;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class OrderImportsTest {

    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

    private long shop(ShopStore shops) {
        return shops.findOrCreate(TestShops.unique("imports"), NOW).id();
    }

    private static Map<String, Object> row(Database database, long shopId) {
        return Sql.one(database, "SELECT * FROM order_imports WHERE shop_id = ?", shopId);
    }

    @Test
    void aShopWithoutAnImportHasNoProgress(OrderImports imports, ShopStore shops) {
        assertTrue(imports.progress(shop(shops)).isEmpty());
    }

    @Test
    void aScheduledImportIsPendingAndKeepsItsWordsInTheColumn(OrderImports imports, ShopStore shops, Database database) {
        long shopId = shop(shops);
        imports.schedule(shopId, NOW.minusSeconds(3600), true, NOW);
        assertEquals(ImportStatus.PENDING, imports.progress(shopId).orElseThrow().status());
        assertEquals("pending", row(database, shopId).get("status"));
    }

    @Test
    void aResyncKeepsTheCountWhileAFirstImportStartsItOver(OrderImports imports, ShopStore shops, Database database) {
        long shopId = shop(shops);
        imports.schedule(shopId, NOW.minusSeconds(3600), true, NOW);
        assertTrue(imports.claim(shopId, "me", NOW));
        imports.recordPage(shopId, "me", "25", 25, NOW);
        imports.markDone(shopId, "me", NOW, NOW.plusSeconds(5));

        imports.schedule(shopId, NOW.minusSeconds(300), false, NOW.plusSeconds(60));
        ImportProgress resync = imports.progress(shopId).orElseThrow();
        assertEquals(25, resync.importedCount());
        assertEquals(NOW, resync.startedAt());
        assertNull(row(database, shopId).get("cursor_value"));

        imports.schedule(shopId, NOW.minusSeconds(300), true, NOW.plusSeconds(120));
        ImportProgress fresh = imports.progress(shopId).orElseThrow();
        assertEquals(0, fresh.importedCount());
        assertNull(fresh.startedAt());
        assertEquals(NOW, fresh.lastSyncedAt(), "the last sync stays known");
    }

    @Test
    void aLeaseIsTakenOnceUntilItRunsOut(OrderImports imports, ShopStore shops) {
        long shopId = shop(shops);
        assertFalse(imports.claim(shopId, "me", NOW), "nothing scheduled, nothing to claim");
        imports.schedule(shopId, NOW.minusSeconds(3600), true, NOW);
        assertTrue(imports.claim(shopId, "me", NOW));
        assertFalse(imports.claim(shopId, "me", NOW.plusSeconds(1)), "held by the first claim");
        imports.recordPage(shopId, "me", "25", 25, NOW.plus(OrderImports.LEASE));
        assertFalse(imports.claim(shopId, "me", NOW.plus(OrderImports.LEASE).plusSeconds(1)), "a written page renews it");
        assertTrue(imports.claim(shopId, "me", NOW.plus(OrderImports.LEASE.multipliedBy(2)).plusSeconds(1)), "ran out");
        assertEquals(ImportStatus.RUNNING, imports.progress(shopId).orElseThrow().status());
    }

    @Test
    void anEndedImportCannotBeClaimed(OrderImports imports, ShopStore shops) {
        long shopId = shop(shops);
        imports.schedule(shopId, NOW.minusSeconds(3600), true, NOW);
        assertTrue(imports.claim(shopId, "me", NOW));
        imports.markDone(shopId, "me", NOW, NOW.plusSeconds(1));
        assertFalse(imports.claim(shopId, "me", NOW.plusSeconds(2)));
        assertEquals(ImportStatus.DONE, imports.progress(shopId).orElseThrow().status());
    }

    @Test
    void aFailureKeepsTheLastSyncAndAShortenedReason(OrderImports imports, ShopStore shops, Database database) {
        long shopId = shop(shops);
        imports.schedule(shopId, NOW.minusSeconds(3600), true, NOW);
        imports.claim(shopId, "me", NOW);
        imports.markDone(shopId, "me", NOW, NOW);
        imports.schedule(shopId, NOW, false, NOW.plusSeconds(10));
        imports.claim(shopId, "me", NOW.plusSeconds(10));
        imports.markFailed(shopId, "x".repeat(2000), NOW.plusSeconds(20));
        Map<String, Object> failed = row(database, shopId);
        assertEquals("failed", failed.get("status"));
        assertEquals(500, failed.get("error").toString().length());
        assertNull(failed.get("lease_until"));
        assertEquals(NOW, imports.progress(shopId).orElseThrow().lastSyncedAt());
    }

    @Test
    void rowsAreReadForManyShopsAtOnce(OrderImports imports, ShopStore shops) {
        long a = shop(shops);
        long b = shop(shops);
        long without = shop(shops);
        imports.schedule(a, NOW, true, NOW);
        imports.schedule(b, NOW, true, NOW);
        Map<Long, OrderImport> rows = imports.find(List.of(a, b, without));
        assertEquals(2, rows.size());
        assertEquals(ImportStatus.PENDING, rows.get(a).status());
        assertFalse(rows.containsKey(without));
    }
}
