package com.returnsdrawer.orders;

import com.returnsdrawer.db.Database;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The order reads other features make, composed from the table owners. Every query names the shop (and, for a
 * shopper, the customer), so no call can reach another shop's or another customer's order.
 */
@Singleton
public class OrderReader {

    private final Database database;
    private final OrderRows orders;
    private final LineItems lineItems;
    private final Fulfillments fulfillments;
    private final OrderReturns returns;

    OrderReader(Database database, OrderRows orders, LineItems lineItems, Fulfillments fulfillments,
                OrderReturns returns) {
        this.database = database;
        this.orders = orders;
        this.lineItems = lineItems;
        this.fulfillments = fulfillments;
        this.returns = returns;
    }

    /** An order of the shop, whoever bought it (the merchant's own view: previews). */
    public Optional<OrderSummary> findInShop(long shopId, long orderId) {
        return database.withConnection(c -> orders.findInShop(c, shopId, orderId));
    }

    /** The shop's newest delivered order, else its newest order: a realistic sample for the merchant's preview. */
    public Optional<OrderSummary> newestForPreview(long shopId) {
        return database.withConnection(c -> orders.newestForPreview(c, shopId));
    }

    /** How many orders of the shop are stored (tombstones and placeholders excluded). */
    public long countInShop(long shopId) {
        return database.withConnection(c -> orders.countInShop(c, shopId));
    }

    /** Every order of a customer in a shop, plus the named orders of that shop (for data requests). */
    public List<OrderSummary> allOf(Connection c, long shopId, long customerId, Collection<Long> alsoOrderIds)
            throws SQLException {
        return orders.allOf(c, new CustomerOrders(shopId, customerId, List.copyOf(alsoOrderIds)));
    }

    /**
     * Line items, fulfillments and returns of the given orders (by row id): three queries, whatever the number of
     * orders.
     */
    public Map<Long, OrderDetail> details(Collection<Long> orderPks) {
        if (orderPks.isEmpty()) {
            return Map.of();
        }
        return database.withConnection(c -> details(c, orderPks));
    }

    public Map<Long, OrderDetail> details(Connection c, Collection<Long> orderPks) throws SQLException {
        if (orderPks.isEmpty()) {
            return Map.of();
        }
        Map<Long, List<OrderSnapshot.LineItem>> items = lineItems.of(c, orderPks);
        Map<Long, List<FulfillmentSnapshot>> shipped = fulfillments.of(c, orderPks);
        Map<Long, List<OrderReturn>> started = returns.of(c, orderPks);
        Map<Long, OrderDetail> out = new HashMap<>();
        for (Long pk : orderPks) {
            out.put(pk, new OrderDetail(items.getOrDefault(pk, List.of()), shipped.getOrDefault(pk, List.of()),
                    started.getOrDefault(pk, List.of())));
        }
        return out;
    }
}
