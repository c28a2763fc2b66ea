package com.returnsdrawer.webhooks;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.db.GroupCommit;
import com.returnsdrawer.metrics.Metrics;
import com.returnsdrawer.shop.Admission;
import com.returnsdrawer.shop.Shop;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.WebhookDelivery;
import com.returnsdrawer.shopify.WebhookHandler;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stores verified deliveries: its record and its effect commit in one transaction, so an acknowledged delivery
 * is never lost. Deliveries that arrive while the writers are busy are committed together as one group
 * ({@link GroupCommit}); whatever a group cannot decide on its own is stored one by one, exactly as a lone
 * delivery. Hand-written JDBC: per group one shop lookup per shop, one multi-row record insert and one
 * {@link WebhookHandler#applyAll} per handler (W1; docs/performance.md, "Group commit").
 */
@Singleton
class DeliveryWriter {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWriter.class);

    private final Database database;
    private final DeliveryLog log;
    private final ShopStore shops;
    private final GroupCommit<Delivery, WebhookIngestor.Result> groups;
    private final Metrics metrics;
    private final AtomicLong committedTogether = new AtomicLong();

    /**
     * The queue is bounded by the bytes of the bodies waiting and by how long one waits (under Shopify's 5 s
     * timeout): past either, the delivery is answered 503 without being stored, and Shopify retries it.
     */
    DeliveryWriter(Database database, DeliveryLog log, ShopStore shops, Metrics metrics,
                   @Value("${webhooks.group-commit.writers:4}") int writers,
                   @Value("${webhooks.group-commit.max-group:32}") int maxGroup,
                   @Value("${webhooks.group-commit.max-queued-bytes:16777216}") long maxQueuedBytes,
                   @Value("${webhooks.group-commit.max-wait:4s}") Duration maxWait) {
        this.database = database;
        this.log = log;
        this.shops = shops;
        this.metrics = metrics;
        this.groups = new GroupCommit<>("webhook-writer", writers, maxGroup,
                new GroupCommit.Bounds<Delivery>(maxQueuedBytes, maxWait, Delivery::size), this::writeGroup);
        metrics.webhookQueue(groups::queued, groups::queuedBytes);
    }

    /** The group commit, for tests: how many deliveries wait for a writer. */
    GroupCommit<?, ?> groupCommit() {
        return groups;
    }

    /** Deliveries committed as part of a group of two or more, for tests. */
    long committedTogether() {
        return committedTogether.get();
    }

    /**
     * Lets the writers commit what is queued (for up to 10 s); whatever is still queued then is stored one by one
     * on the closing thread, so an accepted delivery is answered before the database goes away.
     */
    @PreDestroy
    void close() {
        groups.close();
    }

    /**
     * Stores {@code delivery}; the future completes once it is committed (or found to be a duplicate), and fails
     * with {@link Database.DatabaseException} when it could not be stored.
     */
    CompletableFuture<WebhookIngestor.Result> store(Delivery delivery) {
        if (delivery.payload().groupable()) {
            return groups.submit(delivery).exceptionallyCompose(e -> e instanceof RejectedExecutionException
                    ? storeNow(delivery) : CompletableFuture.failedFuture(e));
        }
        return storeNow(delivery);
    }

    private CompletableFuture<WebhookIngestor.Result> storeNow(Delivery delivery) {
        try {
            return CompletableFuture.completedFuture(storeOne(delivery));
        } catch (Database.DatabaseException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** One delivery in its own transaction. */
    private WebhookIngestor.Result storeOne(Delivery d) {
        boolean stored = database.inTransaction(c -> {
            Shop shop = shops.findOrCreate(c, d.shop(), d.receivedAt());
            Admission admission = Admission.of(shop, d.payload().appliesAfterUninstall(), d.triggeredAt());
            DeliveryLog.Outcome outcome;
            if (d.payload() instanceof Payload.NoHandler) {
                outcome = DeliveryLog.Outcome.UNKNOWN_TOPIC;
            } else if (d.payload() instanceof Payload.Unreadable) {
                outcome = DeliveryLog.Outcome.UNPARSEABLE;
            } else {
                outcome = admission == Admission.IGNORE
                        ? DeliveryLog.Outcome.IGNORED_UNINSTALLED : DeliveryLog.Outcome.PROCESSED;
            }
            if (!log.record(c, d, outcome)) {
                return false;
            }
            if (outcome == DeliveryLog.Outcome.PROCESSED && d.payload() instanceof Payload.Read<?> read) {
                if (admission == Admission.REINSTALL) {
                    shops.markInstalled(shop.id(), d.triggeredAt());  // known: a REINSTALL needs it
                }
                read.applyTo(c, d.forHandler(shop));
            }
            LOG.debug("webhook {} {} {}: {}", d.shop(), d.topic(), d.webhookId(), outcome.column());
            return true;
        });
        if (!stored) {
            LOG.debug("webhook {} {} {}: duplicate", d.shop(), d.topic(), d.webhookId());
            return WebhookIngestor.Result.DUPLICATE;
        }
        return WebhookIngestor.Result.ACCEPTED;
    }

    /**
     * Commits a group of deliveries in one transaction. Stored one by one afterwards: a webhook id seen twice in
     * the group, a shop that is not installed, and every delivery of a group that failed (a duplicate among them,
     * say), so one bad delivery never costs the others theirs. A lost database fails the whole group at once
     * (503, retried).
     */
    private void writeGroup(List<GroupCommit.Pending<Delivery, WebhookIngestor.Result>> group) {
        metrics.webhookGroup(group.size());
        for (GroupCommit.Pending<Delivery, WebhookIngestor.Result> pending : group) {
            metrics.webhookQueueWait(pending.waitedNanos());
        }
        List<GroupCommit.Pending<Delivery, WebhookIngestor.Result>> together = new ArrayList<>(group.size());
        List<GroupCommit.Pending<Delivery, WebhookIngestor.Result>> alone = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (GroupCommit.Pending<Delivery, WebhookIngestor.Result> pending : group) {
            (ids.add(pending.unit().webhookId()) ? together : alone).add(pending);
        }
        if (together.size() > 1) {
            try {
                Set<GroupCommit.Pending<Delivery, WebhookIngestor.Result>> leftOut =
                        database.inTransaction(c -> storeGroup(c, together));
                for (GroupCommit.Pending<Delivery, WebhookIngestor.Result> pending : together) {
                    if (leftOut.contains(pending)) {
                        alone.add(pending);
                    } else {
                        committedTogether.incrementAndGet();
                        pending.complete(WebhookIngestor.Result.ACCEPTED);
                    }
                }
            } catch (Database.DatabaseException e) {
                if (e.unavailable()) {
                    group.forEach(pending -> pending.fail(e));
                    return;
                }
                LOG.info("a group of {} webhooks was not committed ({}); storing them one by one", together.size(),
                        e.getMessage());
                alone.addAll(together);
            }
        } else {
            alone.addAll(together);
        }
        alone.sort(Comparator.comparingInt(group::indexOf));
        for (GroupCommit.Pending<Delivery, WebhookIngestor.Result> pending : alone) {
            try {
                pending.complete(storeOne(pending.unit()));
            } catch (Database.DatabaseException e) {
                pending.fail(e);
                if (e.unavailable()) {
                    alone.forEach(other -> other.fail(e));
                    return;
                }
            }
        }
    }

    /** Stores the group's deliveries for installed shops; returns the others, to be stored one by one. */
    private Set<GroupCommit.Pending<Delivery, WebhookIngestor.Result>> storeGroup(
            Connection c, List<GroupCommit.Pending<Delivery, WebhookIngestor.Result>> group) throws SQLException {
        Map<ShopDomain, Shop> shopsByDomain = new HashMap<>();
        Set<GroupCommit.Pending<Delivery, WebhookIngestor.Result>> leftOut = new HashSet<>();
        List<Delivery> recorded = new ArrayList<>(group.size());
        // One applyAll per handler, handlers in order of first appearance.
        Map<WebhookHandler<?>, HandlerGroup<?>> byHandler = new LinkedHashMap<>();
        for (GroupCommit.Pending<Delivery, WebhookIngestor.Result> pending : group) {
            Delivery d = pending.unit();
            Shop shop = shopsByDomain.get(d.shop());
            if (shop == null) {
                shop = shops.findOrCreate(c, d.shop(), d.receivedAt());
                shopsByDomain.put(d.shop(), shop);
            }
            if (!shop.installed() || !(d.payload() instanceof Payload.Read<?> read)) {
                leftOut.add(pending);
                continue;
            }
            recorded.add(d);
            WebhookDelivery delivery = d.forHandler(shop);
            HandlerGroup<?> same = byHandler.get(read.handler());
            if (same == null) {
                byHandler.put(read.handler(), HandlerGroup.start(read, delivery));
            } else {
                same.add(read, delivery);
            }
        }
        if (recorded.isEmpty()) {
            return leftOut;
        }
        log.recordAll(c, recorded);
        for (HandlerGroup<?> handlerGroup : byHandler.values()) {
            handlerGroup.apply(c);
        }
        return leftOut;
    }
}
