package com.returnsdrawer.orders.sync;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.metrics.Metrics;
import com.returnsdrawer.orders.OrderReturns;
import com.returnsdrawer.orders.OrderSnapshot;
import com.returnsdrawer.orders.OrderWriter;
import com.returnsdrawer.shop.Shop;
import com.returnsdrawer.shop.ShopInstalled;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.shopify.AdminApiClient;
import com.returnsdrawer.shopify.ShopDomain;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import static com.returnsdrawer.db.Times.fromDb;

/**
 * Imports a shop's orders through the GraphQL Admin API into the tables the webhooks fill: after install (the
 * last 60 days, which {@code read_orders} reaches) and when the reconciliation asks (orders updated since the last
 * sync). Each page's orders, cursor and count commit in one unit, so an import interrupted by a crash resumes
 * where it stopped; the lease in {@link OrderImports} keeps it to one instance at a time. The writer's
 * {@code updated_at} rule means an import never overwrites newer state from a webhook.
 */
@Singleton
class OrderImporter implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(OrderImporter.class);
    static final Duration FIRST_IMPORT_REACH = Duration.ofDays(60);
    static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(30);

    private final Database database;
    private final OrderImports imports;
    private final ShopStore shops;
    private final OrderWriter writer;
    private final OrderReturns returns;
    private final AdminApiClient api;
    private final ExecutorService executor;
    private final TaskScheduler scheduler;
    private final Duration firstRetry;
    private final Map<Long, Integer> retries = new ConcurrentHashMap<>();
    private final Metrics metrics;
    private final Clock clock = Clock.systemUTC();

    OrderImporter(Database database, OrderImports imports, ShopStore shops, OrderWriter writer, OrderReturns returns,
                  AdminApiClient api, @Named("import") ExecutorService executor,
                  @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
                  @Value("${orders.import-first-retry:30s}") Duration firstRetry, Metrics metrics) {
        this.metrics = metrics;
        this.database = database;
        this.imports = imports;
        this.shops = shops;
        this.writer = writer;
        this.returns = returns;
        this.api = api;
        this.executor = executor;
        this.scheduler = scheduler;
        this.firstRetry = firstRetry;
    }

    @EventListener
    void onInstalled(ShopInstalled event) {
        shops.find(event.shop()).ifPresent(shop -> {
            schedule(shop.id(), clock.instant().minus(FIRST_IMPORT_REACH), true);
            executor.execute(() -> run(shop));
        });
    }

    /** Resumes imports an earlier process left unfinished (crash, restart). */
    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        executor.execute(this::resumeUnfinished);
    }

    void resumeUnfinished() {
        try {
            Instant now = clock.instant();
            List<Long> installed = shops.idsInstalledWithToken();
            Map<Long, OrderImport> rows = imports.find(installed);
            for (long shopId : installed) {
                OrderImport row = rows.get(shopId);
                if (row != null && row.status().unfinished() && row.leaseFree(now)) {
                    shop(shopId).ifPresent(this::run);
                }
            }
        } catch (Database.DatabaseException | DataAccessException e) {
            LOG.warn("could not resume imports: {}", e.getMessage());
        }
    }

    /** The shop as it stands now, by the app's id for it. */
    Optional<Shop> shop(long shopId) {
        return shops.domainOf(shopId).flatMap(shops::find);
    }

    /** Sets up an import from {@code since}; a first import also resets the visible count. */
    void schedule(long shopId, Instant since, boolean first) {
        imports.schedule(shopId, since, first, clock.instant());
    }

    /**
     * A failure that may pass (Shopify, or its token endpoint, unavailable; the shop keeps its tokens): the
     * import stays pending where it stopped and runs again after a backoff, the first within a minute
     * (docs/behaviour.md, "Tokens"). The row's lease holds other instances off until then, and a restart
     * resumes it as any unfinished import.
     */
    private void retryLater(Shop shop, String why) {
        int attempt = retries.merge(shop.id(), 1, Integer::sum);
        Duration delay = retryDelay(attempt);
        Instant now = clock.instant();
        // Whole seconds: MySQL may keep no fractions, and the claim needs the lease strictly over.
        Instant retryAt = now.plus(delay).truncatedTo(ChronoUnit.SECONDS);
        imports.retryLater(shop.id(), why, retryAt, now);
        LOG.warn("order import for {} interrupted ({}); retry {} in {} s", shop.domain(), why, attempt, delay.toSeconds());
        scheduler.schedule(Duration.between(now, retryAt).plusMillis(1_200),
                () -> executor.execute(() -> shop(shop.id()).ifPresent(this::run)));
    }

    /** {@code firstRetry}, doubling per attempt, at most {@link #MAX_RETRY_DELAY}. */
    Duration retryDelay(int attempt) {
        Duration delay = firstRetry.multipliedBy(1L << Math.min(attempt - 1, 16));
        return delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
    }

    /** Runs (or resumes) the shop's pending import, if no other instance holds its lease. */
    void run(Shop shop) {
        Instant started = clock.instant();
        if (!imports.claim(shop.id(), started)) {
            return;
        }
        ShopDomain domain = shop.domain();
        try {
            OrderImport row = imports.find(shop.id()).orElseThrow();
            String cursor = row.cursorValue();
            String filter = row.since() == null ? null : "updated_at:>'"
                    + DateTimeFormatter.ISO_INSTANT.format(fromDb(row.since()).truncatedTo(ChronoUnit.SECONDS)) + "'";
            boolean more = true;
            while (more) {
                Map<String, Object> variables = new HashMap<>();
                variables.put("first", GraphqlOrders.PAGE_SIZE);
                variables.put("after", cursor);
                variables.put("query", filter);
                // Shopify states the returns as of the request: a returns webhook triggered after it wins.
                Instant asked = clock.instant();
                GraphqlOrders.Data page = api.query(domain, GraphqlOrders.QUERY, variables, GraphqlOrders.Data.class);
                String nextCursor = page.orders().pageInfo().endCursor();
                more = page.orders().pageInfo().hasNextPage() && nextCursor != null;
                List<OrderSnapshot> snapshots = page.orders().nodes().stream().map(GraphqlOrders::toSnapshot).toList();
                List<OrderReturns.Stated> pageReturns = page.orders().nodes().stream()
                        .flatMap(o -> GraphqlOrders.returnsOf(shop.id(), o, asked).stream()).toList();
                Instant now = clock.instant();
                // One unit: the page's progress, its orders and their returns commit, or roll back, together.
                database.inTransaction(c -> {
                    imports.recordPage(shop.id(), nextCursor, snapshots.size(), now);
                    writer.applyAll(c, shop.id(), snapshots, now);
                    returns.write(c, pageReturns);
                    return null;
                });
                metrics.ordersImported(snapshots.size());
                cursor = nextCursor;
            }
            imports.markDone(shop.id(), started, clock.instant());
            metrics.importFinished("done");
            retries.remove(shop.id());
            LOG.info("order import for {} finished", domain);
        } catch (AdminApiClient.AdminApiException e) {
            if (e.retryable()) {
                retryLater(shop, e.getMessage());
                return;
            }
            imports.markFailed(shop.id(), e.getMessage(), clock.instant());
            metrics.importFinished("failed");
            LOG.warn("order import for {} failed: {}", domain, e.getMessage());
        } catch (RuntimeException e) {
            imports.markFailed(shop.id(), e.getClass().getSimpleName(), clock.instant());
            metrics.importFinished("failed");
            LOG.error("order import for {} failed", domain, e);
        }
    }
}
