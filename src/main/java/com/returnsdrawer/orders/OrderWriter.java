package com.returnsdrawer.orders;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies order and fulfillment snapshots inside the caller's transaction, through the owner of each table. The
 * order row is locked first, so every writer of one order (webhook, import, another instance) is serialised on
 * it; what wins is decided by {@link OrderMerge}. A constant number of statements per call: one lock, one
 * multi-row write per table, never one query per row (docs/performance.md).
 */
@Singleton
public class OrderWriter {

    /** What a write did. */
    public enum Outcome { APPLIED, STALE, DELETED }

    private final OrderRows orders;
    private final Fulfillments fulfillments;
    private final LineItems lineItems;
    private final DrawerList drawer;

    OrderWriter(OrderRows orders, Fulfillments fulfillments, LineItems lineItems, DrawerList drawer) {
        this.orders = orders;
        this.fulfillments = fulfillments;
        this.lineItems = lineItems;
        this.drawer = drawer;
    }

    public Outcome apply(Connection c, long shopId, OrderSnapshot order, Instant now) throws SQLException {
        return applyAll(c, shopId, List.of(order), now).get(0);
    }

    /**
     * Applies many order snapshots of one shop with a constant number of statements however many there are
     * (webhooks committed as a group, import pages). Snapshots of the same order are applied one after the other,
     * in list order.
     *
     * @return what was done with each snapshot, in list order
     */
    public List<Outcome> applyAll(Connection c, long shopId, List<OrderSnapshot> snapshots, Instant now) throws SQLException {
        Outcome[] outcomes = new Outcome[snapshots.size()];
        List<Integer> pending = new ArrayList<>(snapshots.size());
        for (int i = 0; i < snapshots.size(); i++) {
            pending.add(i);
        }
        while (!pending.isEmpty()) {
            // One round per occurrence of an order: the second snapshot of an order sees the first one's writes.
            List<Integer> round = new ArrayList<>(pending.size());
            List<Integer> later = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            for (int i : pending) {
                (seen.add(snapshots.get(i).orderId()) ? round : later).add(i);
            }
            applyRound(c, shopId, snapshots, round, outcomes, now);
            pending = later;
        }
        return Arrays.asList(outcomes);
    }

    private void applyRound(Connection c, long shopId, List<OrderSnapshot> snapshots, List<Integer> round,
                            Outcome[] outcomes, Instant now) throws SQLException {
        List<Long> ids = new ArrayList<>(round.size());
        for (int i : round) {
            ids.add(snapshots.get(i).orderId());
        }
        Map<Long, OrderRows.Locked> locked = orders.lockOrInsert(c, shopId, ids, now);
        Fulfillments.Writes fulfillmentWrites = new Fulfillments.Writes();
        Map<Long, List<OrderSnapshot.LineItem>> rewritten = new LinkedHashMap<>();
        List<OrderRow> rows = new ArrayList<>(round.size());
        List<Long> listed = new ArrayList<>(round.size());
        List<Long> unlisted = new ArrayList<>();
        for (int i : round) {
            OrderSnapshot order = snapshots.get(i);
            OrderRows.Locked row = locked.get(order.orderId());
            outcomes[i] = OrderMerge.admit(row.deleted(), row.updatedAt(), order.updatedAt());
            if (outcomes[i] != Outcome.APPLIED) {
                continue;
            }
            OrderMerge.Fulfillments merged = OrderMerge.mergeFulfillments(row.fulfillments(), order.fulfillments(), now);
            fulfillmentWrites.add(row.pk(), merged);
            String itemsHash = OrderMerge.lineItemsHash(order.lineItems());
            if (!itemsHash.equals(row.lineItemsHash())) {
                rewritten.put(row.pk(), order.lineItems());
            }
            rows.add(OrderRow.of(row.pk(), shopId, order, merged.all(), itemsHash, now));
            (order.customerId() != null ? listed : unlisted).add(row.pk());
        }
        fulfillments.write(c, fulfillmentWrites);
        lineItems.rewrite(c, rewritten);
        if (rows.isEmpty()) {
            return;
        }
        orders.upsert(c, rows);
        drawer.copy(c, listed);
        drawer.remove(c, unlisted);
    }

    /** A fulfillment on its own (fulfillments/create|update); an order not seen yet gets a placeholder row. */
    public Outcome applyFulfillment(Connection c, long shopId, FulfillmentSnapshot fulfillment, Instant now)
            throws SQLException {
        OrderRows.Locked row = orders.lockOrInsert(c, shopId, List.of(fulfillment.orderId()), now).get(fulfillment.orderId());
        if (row.deleted()) {
            return Outcome.DELETED;
        }
        OrderMerge.Fulfillments merged = OrderMerge.mergeFulfillments(row.fulfillments(), List.of(fulfillment), now);
        Fulfillments.Writes writes = new Fulfillments.Writes();
        writes.add(row.pk(), merged);
        fulfillments.write(c, writes);
        orders.updateFulfillmentState(c, row.pk(), DisplayStatus.of(row.cancelled(), row.fulfillmentStatus(), merged.all()),
                OrderMerge.firstFulfilled(merged.all()), OrderMerge.firstDelivered(merged.all()), now);
        drawer.copy(c, List.of(row.pk()));
        return Outcome.APPLIED;
    }

    /** orders/delete: drops the order's data and leaves a tombstone, so a late delivery cannot bring it back. */
    public Outcome delete(Connection c, long shopId, long orderId, Instant now) throws SQLException {
        OrderRows.Locked row = orders.lockOrInsert(c, shopId, List.of(orderId), now).get(orderId);
        lineItems.deleteOf(c, row.pk());
        fulfillments.deleteOf(c, row.pk());
        orders.tombstone(c, row.pk(), now);
        drawer.remove(c, List.of(row.pk()));
        return Outcome.APPLIED;
    }

    /**
     * customers/redact: every order of the customer in the shop, and the named ones, become tombstones (their
     * items and fulfillments deleted). Set-based: a constant number of statements.
     *
     * @return how many order rows became tombstones
     */
    /**
     * shop/redact: deletes up to {@code limit} of the shop's orders (their items, fulfillments and drawer rows
     * with them, by foreign key) in the caller's short transaction; returns how many.
     */
    public int forgetShopBatch(Connection c, long shopId, int limit) throws SQLException {
        return orders.deleteShopBatch(c, shopId, limit);
    }

    public int forgetCustomer(Connection c, long shopId, long customerId, Collection<Long> orderIds, Instant now)
            throws SQLException {
        CustomerOrders scope = new CustomerOrders(shopId, customerId, List.copyOf(orderIds));
        drawer.forget(c, scope);
        lineItems.forget(c, scope);
        fulfillments.forget(c, scope);
        return orders.tombstone(c, scope, now);
    }
}
