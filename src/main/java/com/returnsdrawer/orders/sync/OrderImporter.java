package com.returnsdrawer.orders.sync;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.metrics.Metrics;
import com.returnsdrawer.orders.OrderReturns;
import com.returnsdrawer.orders.OrderSnapshot;
import com.returnsdrawer.orders.OrderWriter;
import com.returnsdrawer.orders.DrawerReadCount;
import com.returnsdrawer.shop.Shop;
import com.returnsdrawer.shop.ShopInstalled;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.shopify.AdminApiClient;
import com.returnsdrawer.shopify.BulkOperations;
import com.returnsdrawer.shopify.ShopDomain;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;

import static com.returnsdrawer.db.Times.fromDb;

/**
 * Imports a shop's orders into the tables the webhooks fill, through the one {@link OrderWriter} and its
 * {@code updated_at} rule, so an import never overwrites newer state from a webhook.
 * <ul>
 *   <li>The first import (after install) is one bulk operation over the orders created within
 *   {@code ORDERS_IMPORT_DAYS}: started once, finished by the {@code bulk_operations/finish} webhook or, failing that,
 *   by polling; its JSONL result is read as a stream and written in batches, each batch with the byte position after
 *   it, so a restart continues there (docs/behaviour.md, "First import").</li>
 *   <li>A reconciliation reads the orders updated since the last sync in pages, each order with all its line
 *   items.</li>
 * </ul>
 * The lease in {@link OrderImports} keeps an import to one instance; every batch or page re-checks it in the unit
 * that writes it.
 */
@Singleton
class OrderImporter implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(OrderImporter.class);
    static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(30);
    /** Drawer reads during one batch from which the import pauses the full {@code bulk-yield}. */
    static final int READS_FOR_FULL_YIELD = 20;

    private final Database database;
    private final OrderImports imports;
    private final ShopStore shops;
    private final OrderWriter writer;
    private final OrderReturns returns;
    private final AdminApiClient api;
    private final BulkOperations bulk;
    private final ObjectMapper json;
    private final ExecutorService executor;
    private final TaskScheduler scheduler;
    private final Duration firstRetry;
    private final Duration pollInterval;
    private final Duration importReach;
    private final int batchSize;
    private final double yieldFactor;
    private final DrawerReadCount shoppers;
    private final Map<Long, Integer> retries = new ConcurrentHashMap<>();
    private final Metrics metrics;
    private final Clock clock = Clock.systemUTC();

    OrderImporter(Database database, OrderImports imports, ShopStore shops, OrderWriter writer, OrderReturns returns,
                  AdminApiClient api, BulkOperations bulk, ObjectMapper json, @Named("import") ExecutorService executor,
                  @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
                  @Value("${orders.import-first-retry:30s}") Duration firstRetry,
                  @Value("${orders.bulk-poll-interval:20s}") Duration pollInterval,
                  @Value("${orders.import-days:60}") int importDays,
                  @Value("${orders.bulk-batch-size:250}") int batchSize,
                  @Value("${orders.bulk-yield:2}") double yieldFactor, DrawerReadCount shoppers, Metrics metrics) {
        this.metrics = metrics;
        this.database = database;
        this.imports = imports;
        this.shops = shops;
        this.writer = writer;
        this.returns = returns;
        this.api = api;
        this.bulk = bulk;
        this.json = json;
        this.executor = executor;
        this.scheduler = scheduler;
        this.firstRetry = firstRetry;
        this.pollInterval = pollInterval;
        this.importReach = Duration.ofDays(importDays);
        this.batchSize = Math.max(1, batchSize);
        this.yieldFactor = yieldFactor;
        this.shoppers = shoppers;
    }

    @EventListener
    void onInstalled(ShopInstalled event) {
        shops.find(event.shop()).ifPresent(shop -> {
            // A first import already under way (its bulk operation running at Shopify) goes on: never a second one.
            boolean underWay = imports.find(shop.id()).map(row -> row.kind() == ImportKind.BULK && row.toRun()).orElse(false);
            if (!underWay) {
                scheduleFirst(shop.id());
            }
            executor.execute(PropagatedContext.empty().wrap(() -> run(shop)));
        });
    }

    /** Resumes imports an earlier process left unfinished (crash, restart), and retries that were waiting. */
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
                if (row == null || !row.toRun()) {
                    continue;
                }
                if (row.leaseFree(now)) {
                    shop(shopId).ifPresent(this::run);
                } else {
                    // A retry this process no longer has a timer for, or another instance's import: try when it is due.
                    runAt(shopId, fromDb(row.leaseUntil()));
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

    /** Sets up a shop's first import: a bulk operation over the orders created within {@code ORDERS_IMPORT_DAYS}. */
    void scheduleFirst(long shopId) {
        Instant now = clock.instant();
        imports.schedule(shopId, now.minus(importReach), true, now);
    }

    /** Sets up an import from {@code since}: a first (bulk) one, or a paged reconciliation of what changed since. */
    void schedule(long shopId, Instant since, boolean first) {
        imports.schedule(shopId, since, first, clock.instant());
    }

    /** The bulk operation {@code operationId} of the shop has finished (its webhook): read it now, on any instance. */
    void operationFinished(long shopId, String operationId) {
        // Called inside the delivery's transaction: the task must not inherit that unit's connection (Micronaut
        // propagates its context into executors), which is closed by the time the task runs.
        executor.execute(PropagatedContext.empty().wrap(() -> {
            try {
                Optional<OrderImport> row = imports.find(shopId);
                if (row.isPresent() && operationId.equals(row.get().bulkOperationId())) {
                    shop(shopId).ifPresent(this::run);
                }
            } catch (Database.DatabaseException | DataAccessException e) {
                LOG.warn("bulk operation finished, import not started now: {}", e.getMessage());
            }
        }));
    }

    private void runAt(long shopId, Instant at) {
        Duration wait = Duration.between(clock.instant(), at).plusMillis(1_200);
        scheduler.schedule(wait.isNegative() ? Duration.ZERO : wait,
                () -> executor.execute(() -> shop(shopId).ifPresent(this::run)));
    }

    /**
     * A failure that may pass (Shopify, or its token endpoint, unavailable; the shop keeps its tokens): the
     * import stays pending where it stopped and runs again after a backoff, the first within a minute
     * (docs/behaviour.md, "Tokens"). The row's lease holds other instances off until then, and a restart
     * resumes it as any unfinished import.
     */
    private void retryLater(Shop shop, String why) {
        Instant now = clock.instant();
        Instant retryAt = nextRetry(shop.id(), now);
        imports.retryLater(shop.id(), why, retryAt, now);
        LOG.warn("order import for {} interrupted ({}); retry at {}", shop.domain(), why, retryAt);
        runAt(shop.id(), retryAt);
    }

    /** A bulk operation Shopify failed or canceled: shown as failed, and a new one tried after a backoff. */
    private void failAndRetry(Shop shop, String why) {
        Instant now = clock.instant();
        Instant retryAt = nextRetry(shop.id(), now);
        imports.markFailedRetrying(shop.id(), why, retryAt, now);
        metrics.importFinished("failed");
        LOG.warn("order import for {} failed ({}); a new bulk operation at {}", shop.domain(), why, retryAt);
        runAt(shop.id(), retryAt);
    }

    private Instant nextRetry(long shopId, Instant now) {
        int attempt = retries.merge(shopId, 1, Integer::sum);
        // Whole seconds: MySQL may keep no fractions, and the claim needs the lease strictly over.
        return now.plus(retryDelay(attempt)).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }

    /** {@code firstRetry}, doubling per attempt, at most {@link #MAX_RETRY_DELAY}. */
    Duration retryDelay(int attempt) {
        Duration delay = firstRetry.multipliedBy(1L << Math.min(attempt - 1, 16));
        return delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
    }

    /** Runs (or resumes) the shop's due import, if no other instance holds its lease. */
    void run(Shop shop) {
        String owner = UUID.randomUUID().toString();
        if (!imports.claim(shop.id(), owner, clock.instant())) {
            return;
        }
        ShopDomain domain = shop.domain();
        try {
            OrderImport row = imports.find(shop.id()).orElseThrow();
            if (row.kind() == ImportKind.BULK) {
                runBulk(shop, row, owner);
            } else {
                runPaged(shop, row, owner);
            }
        } catch (OrderImports.LeaseLost e) {
            LOG.info("order import for {} taken over by another instance", domain);
        } catch (AdminApiClient.AdminApiException e) {
            if (e.retryable()) {
                retryLater(shop, e.getMessage());
                return;
            }
            imports.markFailed(shop.id(), e.getMessage(), clock.instant());
            metrics.importFinished("failed");
            LOG.warn("order import for {} failed: {}", domain, e.getMessage());
        } catch (IOException e) {
            // The result file's download broke off: the next attempt continues from the last written batch.
            retryLater(shop, "bulk result unreadable: " + e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            imports.markFailed(shop.id(), e.getClass().getSimpleName(), clock.instant());
            metrics.importFinished("failed");
            LOG.error("order import for {} failed", domain, e);
        }
    }

    /**
     * The first import: starts the bulk operation (once: its id is recorded before anything else happens), then,
     * whenever called again (webhook, poll, restart), looks at it. Running → the lease is given up and a poll
     * scheduled; completed → its file is read from the recorded position; failed or canceled → failed, retried.
     */
    private void runBulk(Shop shop, OrderImport row, String owner) throws AdminApiClient.AdminApiException, IOException {
        ShopDomain domain = shop.domain();
        String operationId = row.bulkOperationId();
        if (operationId == null) {
            String search = "created_at:>='" + DateTimeFormatter.ISO_INSTANT.format(
                    fromDb(row.since()).truncatedTo(ChronoUnit.SECONDS)) + "'";
            GraphqlOrders.CountData counted = api.query(domain, GraphqlOrders.COUNT, Map.of("query", search),
                    GraphqlOrders.CountData.class);
            Integer total = counted.ordersCount() == null ? null : counted.ordersCount().count();
            BulkOperations.Operation started = bulk.run(domain, GraphqlOrders.bulkQuery(search));
            imports.recordBulkStart(shop.id(), owner, started.id(), total, clock.instant());
            operationId = started.id();
            LOG.info("order import for {}: bulk operation started, {} orders", domain, total);
        }
        Optional<BulkOperations.Operation> found = bulk.find(domain, operationId);
        if (found.isEmpty()) {
            failAndRetry(shop, "bulk operation unknown to Shopify");
            return;
        }
        BulkOperations.Operation op = found.get();
        if (op.status().inProgress()) {
            imports.release(shop.id(), owner, clock.instant());
            runAt(shop.id(), clock.instant().plus(pollInterval).minusMillis(1_200));
            return;
        }
        if (op.status() != BulkOperations.Status.COMPLETED) {
            failAndRetry(shop, "bulk operation " + op.status().name().toLowerCase(java.util.Locale.ROOT)
                    + (op.errorCode() == null ? "" : " (" + op.errorCode() + ")"));
            return;
        }
        Instant asOf = op.createdAt() != null ? op.createdAt() : fromDb(row.startedAt());
        if (op.url() != null) {
            readResult(shop, owner, op.url(), row.filePosition(), asOf);
        }
        imports.markDone(shop.id(), owner, asOf, clock.instant());
        metrics.importFinished("done");
        retries.remove(shop.id());
        LOG.info("order import for {} finished", domain);
    }

    /** A batch of whole orders, ready to write, and the byte position after its last order. */
    private record Batch(List<OrderSnapshot> snapshots, List<OrderReturns.Stated> returns, long end) {
    }

    /** What the reader hands over after the last batch, or instead of the next one when it failed. */
    private static final Batch END = new Batch(List.of(), List.of(), -1);

    /**
     * Streams the result from {@code from} on, writing every {@code batchSize} whole orders as one unit. A reader
     * thread parses the next batch while this one writes the last (one batch at most waits between them, so memory
     * stays flat however large the file): the JVM's parsing and MariaDB's writing overlap on the two cores
     * (docs/performance.md, "Bulk import").
     */
    private void readResult(Shop shop, String owner, String url, long from, Instant asOf) throws IOException {
        BlockingQueue<Batch> ready = new ArrayBlockingQueue<>(1);
        AtomicReference<IOException> readFailure = new AtomicReference<>();
        InputStream in = bulk.open(url, from);
        Thread reader = new Thread(() -> {
            try (BulkOrderReader orders = new BulkOrderReader(json, in, from)) {
                List<OrderSnapshot> snapshots = new ArrayList<>(batchSize);
                List<OrderReturns.Stated> stated = new ArrayList<>();
                long end = from;
                for (BulkOrderReader.Read read = orders.next(); read != null; read = orders.next()) {
                    snapshots.add(GraphqlOrders.toSnapshot(read.order()));
                    stated.addAll(GraphqlOrders.returnsOf(shop.id(), read.order(), asOf));
                    end = read.end();
                    if (snapshots.size() >= batchSize) {
                        ready.put(new Batch(snapshots, stated, end));
                        snapshots = new ArrayList<>(batchSize);
                        stated = new ArrayList<>();
                    }
                }
                if (!snapshots.isEmpty()) {
                    ready.put(new Batch(snapshots, stated, end));
                }
                if (orders.strayChildren() > 0) {
                    LOG.warn("order import for {}: {} child lines away from their order", shop.domain(), orders.strayChildren());
                }
            } catch (IOException e) {
                readFailure.set(e);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                readFailure.set(new IOException("bulk result unreadable", e));
            }
            try {
                ready.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bulk-reader-" + shop.id());
        reader.setDaemon(true);
        reader.start();
        try {
            for (Batch batch = ready.take(); batch != END; batch = ready.take()) {
                long readsBefore = shoppers.count();
                long started = System.nanoTime();
                writeBatch(shop, owner, batch);
                yieldToShoppers(System.nanoTime() - started, shoppers.count() - readsBefore);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } finally {
            reader.interrupt();
            in.close();
        }
        if (readFailure.get() != null) {
            throw readFailure.get();
        }
    }

    /**
     * Shoppers first: when drawer pages were served while the batch was written, the import pauses for up to
     * {@code bulk-yield} times the batch's own time, in proportion to how many ({@value #READS_FOR_FULL_YIELD} or more
     * reads: the full pause). A shop's occasional shopper costs the import next to nothing; a storefront under load
     * gets most of the two cores (docs/performance.md, "Bulk import").
     */
    private void yieldToShoppers(long batchNanos, long reads) throws InterruptedException {
        if (reads <= 0 || yieldFactor <= 0) {
            return;
        }
        double share = Math.min(1.0, reads / (double) READS_FOR_FULL_YIELD);
        long pause = (long) (batchNanos * yieldFactor * share);
        if (pause > 0) {
            Thread.sleep(pause / 1_000_000, (int) (pause % 1_000_000));
        }
    }

    private void writeBatch(Shop shop, String owner, Batch batch) {
        Instant now = clock.instant();
        // One unit: the lease check, the position reached, the batch's orders and their returns.
        database.inTransaction(c -> {
            imports.recordBatch(shop.id(), owner, batch.end(), batch.snapshots().size(), now);
            writer.applyAll(c, shop.id(), batch.snapshots(), now);
            returns.write(c, batch.returns());
            return null;
        });
        metrics.ordersImported(batch.snapshots().size());
    }

    /** A reconciliation: pages of the orders updated since {@code since}, each order with all its line items. */
    private void runPaged(Shop shop, OrderImport row, String owner) throws AdminApiClient.AdminApiException {
        Instant started = clock.instant();
        ShopDomain domain = shop.domain();
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
            List<GraphqlOrders.Order> orders = new ArrayList<>(page.orders().nodes().size());
            for (GraphqlOrders.Order o : page.orders().nodes()) {
                whole(domain, o).ifPresent(orders::add);
            }
            List<OrderSnapshot> snapshots = orders.stream().map(GraphqlOrders::toSnapshot).toList();
            List<OrderReturns.Stated> pageReturns = orders.stream()
                    .flatMap(o -> GraphqlOrders.returnsOf(shop.id(), o, asked).stream()).toList();
            Instant now = clock.instant();
            // One unit: the lease check, the page's progress, its orders and their returns commit, or roll back, together.
            database.inTransaction(c -> {
                imports.recordPage(shop.id(), owner, nextCursor, snapshots.size(), now);
                writer.applyAll(c, shop.id(), snapshots, now);
                returns.write(c, pageReturns);
                return null;
            });
            metrics.ordersImported(snapshots.size());
            cursor = nextCursor;
        }
        imports.markDone(shop.id(), owner, started, clock.instant());
        metrics.importFinished("done");
        retries.remove(shop.id());
        LOG.info("order import for {} finished", domain);
    }

    /**
     * The order with every line item: the page brings the first 25, the rest are read page by page, so an order is
     * never written with fewer line items than it has. Empty when the order was deleted meanwhile (its
     * {@code orders/delete} webhook decides; this read writes nothing of it).
     */
    private Optional<GraphqlOrders.Order> whole(ShopDomain domain, GraphqlOrders.Order o) throws AdminApiClient.AdminApiException {
        if (o.lineItems() == null || !o.lineItems().hasMore()) {
            return Optional.of(o);
        }
        List<GraphqlOrders.LineItem> all = new ArrayList<>(o.lineItems().nodes());
        GraphqlOrders.LineItemPage page = o.lineItems();
        while (page.hasMore()) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("id", "gid://shopify/Order/" + o.legacyResourceId());
            variables.put("after", page.pageInfo().endCursor());
            GraphqlOrders.LineItemsData data = api.query(domain, GraphqlOrders.LINE_ITEMS, variables,
                    GraphqlOrders.LineItemsData.class);
            if (data.order() == null) {
                return Optional.empty();
            }
            page = data.order().lineItems();
            all.addAll(page.nodes());
        }
        return Optional.of(o.withLineItems(all));
    }
}
