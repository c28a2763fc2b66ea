package com.returnsdrawer.orders;

import com.returnsdrawer.db.Database;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.returnsdrawer.db.Times.fromDb;

/**
 * Reads a customer's orders for the drawer. Every query names the shop and the customer, so no call can reach
 * another shop's or another customer's order.
 */
@Singleton
public class OrderReader {

    private static final String SUMMARY_COLUMNS = """
            id, order_id, name, order_number, created_at, display_status, financial_status, fulfillment_status,
            cancelled_at, total_price, currency, item_count, image_url, fulfilled_at, delivered_at, email, zip, locale""";

    /** A customer's newest orders in one shop: an index range scan on ix_orders_customer, read backwards. */
    static final String CUSTOMER_PAGE_SQL = "SELECT " + SUMMARY_COLUMNS
            + " FROM orders WHERE shop_id = ? AND customer_id = ? ORDER BY created_at DESC, order_id DESC LIMIT ? OFFSET ?";

    static final String CUSTOMER_ORDER_SQL = "SELECT " + SUMMARY_COLUMNS
            + " FROM orders WHERE shop_id = ? AND customer_id = ? AND order_id = ?";

    private final Database database;
    private final OrderWriter tracking;

    OrderReader(Database database, OrderWriter tracking) {
        this.database = database;
        this.tracking = tracking;
    }

    /** Up to {@code limit} orders starting at {@code offset}, newest first. */
    public List<OrderSummary> page(long shopId, long customerId, int limit, int offset) {
        return database.withConnection(c -> page(c, shopId, customerId, limit, offset));
    }

    public List<OrderSummary> page(Connection c, long shopId, long customerId, int limit, int offset) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CUSTOMER_PAGE_SQL)) {
            ps.setLong(1, shopId);
            ps.setLong(2, customerId);
            ps.setInt(3, limit);
            ps.setInt(4, offset);
            try (ResultSet rs = ps.executeQuery()) {
                List<OrderSummary> out = new ArrayList<>(limit);
                while (rs.next()) {
                    out.add(summary(rs));
                }
                return out;
            }
        }
    }

    /** The order, only when it belongs to this customer in this shop. */
    public Optional<OrderSummary> find(long shopId, long customerId, long orderId) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(CUSTOMER_ORDER_SQL)) {
                ps.setLong(1, shopId);
                ps.setLong(2, customerId);
                ps.setLong(3, orderId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(summary(rs)) : Optional.empty();
                }
            }
        });
    }

    /** An order of the shop, whoever bought it (the merchant's own view: previews). */
    public Optional<OrderSummary> findInShop(long shopId, long orderId) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SUMMARY_COLUMNS
                    + " FROM orders WHERE shop_id = ? AND order_id = ? AND deleted_at IS NULL AND customer_id IS NOT NULL")) {
                ps.setLong(1, shopId);
                ps.setLong(2, orderId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(summary(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The shop's newest delivered order, else its newest order: a realistic sample for the merchant's preview. */
    public Optional<OrderSummary> newestForPreview(long shopId) {
        return database.withConnection(c -> {
            for (String condition : List.of("delivered_at IS NOT NULL", "1 = 1")) {
                try (PreparedStatement ps = c.prepareStatement("SELECT " + SUMMARY_COLUMNS + " FROM orders WHERE shop_id = ?"
                        + " AND customer_id IS NOT NULL AND deleted_at IS NULL AND " + condition
                        + " ORDER BY created_at DESC LIMIT 1")) {
                    ps.setLong(1, shopId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            return Optional.of(summary(rs));
                        }
                    }
                }
            }
            return Optional.<OrderSummary>empty();
        });
    }

    /** How many orders of the shop are stored (tombstones and placeholders excluded). */
    public long countInShop(long shopId) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM orders WHERE shop_id = ? AND deleted_at IS NULL AND shopify_updated_at IS NOT NULL")) {
                ps.setLong(1, shopId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Every order of a customer in a shop, plus the named orders of that shop (for data requests). */
    public List<OrderSummary> allOf(Connection c, long shopId, long customerId, Collection<Long> alsoOrderIds)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + SUMMARY_COLUMNS
                + " FROM orders WHERE shop_id = ? AND deleted_at IS NULL AND (customer_id = ?");
        if (!alsoOrderIds.isEmpty()) {
            sql.append(" OR order_id IN (").append("?,".repeat(alsoOrderIds.size() - 1)).append("?)");
        }
        sql.append(") ORDER BY created_at DESC");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 0;
            ps.setLong(++i, shopId);
            ps.setLong(++i, customerId);
            for (Long id : alsoOrderIds) {
                ps.setLong(++i, id);
            }
            List<OrderSummary> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(summary(rs));
                }
            }
            return out;
        }
    }

    /** Line items and fulfillments of the given orders (by row id): two queries, whatever the number of orders. */
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
        Map<Long, List<OrderSnapshot.LineItem>> items = new HashMap<>();
        Map<Long, List<FulfillmentSnapshot>> fulfillments = new HashMap<>();
        String in = "?,".repeat(orderPks.size() - 1) + "?";
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT order_pk, line_item_id, title, variant_title, quantity, price, variant_id, product_id, image_url"
                        + " FROM order_line_items WHERE order_pk IN (" + in + ") ORDER BY order_pk, position")) {
            bind(ps, orderPks);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new OrderSnapshot.LineItem(
                            rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6),
                            rs.getObject(7, Long.class), rs.getObject(8, Long.class), rs.getString(9)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT order_pk, fulfillment_id, status, shipment_status, tracking, created_at, shopify_updated_at,"
                        + " delivered_at FROM fulfillments WHERE order_pk IN (" + in + ") ORDER BY order_pk, created_at, id")) {
            bind(ps, orderPks);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fulfillments.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new FulfillmentSnapshot(
                            rs.getLong(2), 0, rs.getString(3), rs.getString(4), tracking.readTracking(rs.getString(5)),
                            fromDb(rs.getObject(6, LocalDateTime.class)), fromDb(rs.getObject(7, LocalDateTime.class)),
                            fromDb(rs.getObject(8, LocalDateTime.class))));
                }
            }
        }
        Map<Long, OrderDetail> out = new HashMap<>();
        for (Long pk : orderPks) {
            out.put(pk, new OrderDetail(items.getOrDefault(pk, List.of()), fulfillments.getOrDefault(pk, List.of())));
        }
        return out;
    }

    private static void bind(PreparedStatement ps, Collection<Long> values) throws SQLException {
        int i = 0;
        for (Long value : values) {
            ps.setLong(++i, value);
        }
    }

    private static OrderSummary summary(ResultSet rs) throws SQLException {
        return new OrderSummary(rs.getLong(1), rs.getLong(2), rs.getString(3), (Long) rs.getObject(4, Long.class),
                fromDb(rs.getObject(5, LocalDateTime.class)), rs.getString(6), rs.getString(7), rs.getString(8),
                fromDb(rs.getObject(9, LocalDateTime.class)), rs.getString(10), rs.getString(11), rs.getInt(12),
                rs.getString(13), fromDb(rs.getObject(14, LocalDateTime.class)),
                fromDb(rs.getObject(15, LocalDateTime.class)), rs.getString(16), rs.getString(17), rs.getString(18));
    }
}
