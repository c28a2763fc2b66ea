package com.returnsdrawer.admin;

import com.returnsdrawer.orders.OrderReader;
import com.returnsdrawer.orders.sync.ImportStatus;
import com.returnsdrawer.orders.sync.OrderImports;
import com.returnsdrawer.session.AdminSession;
import com.returnsdrawer.returns.ReturnClicks;
import com.returnsdrawer.shop.ShopStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** {@code GET /api/status}: install state, orders synced, import progress, return clicks per day for 30 days. */
@Controller("/api/status")
@ExecuteOn(TaskExecutors.BLOCKING)
class StatusController {

    private final ShopStore shops;
    private final OrderReader orders;
    private final OrderImports imports;
    private final ReturnClicks clicks;

    StatusController(ShopStore shops, OrderReader orders, OrderImports imports, ReturnClicks clicks) {
        this.shops = shops;
        this.orders = orders;
        this.imports = imports;
        this.clicks = clicks;
    }

    /**
     * {@code status} is running, done or failed (an import set up but not yet claimed by an instance is running);
     * {@code total_count} is what Shopify counted when the first import started, null before.
     */
    @Serdeable
    record Import(String status, int importedCount, @Nullable Integer totalCount, @Nullable Instant startedAt,
                  @Nullable Instant finishedAt, @Nullable Instant lastSyncedAt) {
    }

    @Serdeable
    record Status(String shop, boolean installed, boolean hasToken, @Nullable String scopes, long ordersSynced,
                  @Nullable Import orderImport,
                  @com.fasterxml.jackson.annotation.JsonProperty("return_clicks_30d") long returnClicks30d, List<ReturnClicks.Day> returnClicksPerDay) {
    }

    @Get
    Status status(AdminSession session) {
        var shop = shops.find(session.shop()).orElseThrow();
        Import progress = imports.progress(session.shopId()).map(p -> new Import(
                (p.status() == ImportStatus.PENDING ? ImportStatus.RUNNING : p.status()).value(), p.importedCount(),
                p.totalCount(), p.startedAt(), p.finishedAt(), p.lastSyncedAt())).orElse(null);
        List<ReturnClicks.Day> days = clicks.perDay(session.shopId(), Instant.now(), 30);
        long total = days.stream().mapToLong(ReturnClicks.Day::clicks).sum();
        return new Status(shop.domain().value(), shop.installed(), shop.hasToken(), shop.scopes(),
                orders.countInShop(session.shopId()), progress, total, days);
    }
}
