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

    /** The summary columns of {@code orders} under the alias {@code alias}, for queries that join them. */
    public static String summaryColumns(String alias) {
        return qualified(SUMMARY_COLUMNS, alias);
    }

    private static String qualified(String columns, String alias) {
        return java.util.Arrays.stream(columns.split(","))
                .map(column -> alias + "." + column.strip())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * The drawer list's columns of {@code drawer_orders} (V11), in {@link #listed}'s order: what the list shows, and
     * nothing it does not (the shopper's email, zip and locale are read only for a return link, from {@code orders}).
     */
    private static final String LIST_COLUMNS = """
            order_pk, order_id, name, order_number, created_at, display_status, financial_status, fulfillment_status,
            cancelled_at, total_price, currency, item_count, image_url, fulfilled_at, delivered_at""";

    /** The list columns of {@code drawer_orders} under the alias {@code alias}, for queries that join them. */
    public static String listColumns(String alias) {
        return qualified(LIST_COLUMNS, alias);
    }

    private final Database database;
    private final OrderWriter tracking;

    OrderReader(Database database, OrderWriter tracking) {
        this.database = database;
        this.tracking = tracking;
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
        return summary(rs, 0);
    }

    /**
     * A row of the drawer's list whose columns ({@link #listColumns}) follow the first {@code before} columns of the
     * row; email, zip and locale are not on the list (null).
     */
    public static OrderSummary listed(ResultSet rs, int before) throws SQLException {
        int b = before;
        long number = rs.getLong(b + 4);
        Long orderNumber = rs.wasNull() ? null : number;
        return new OrderSummary(rs.getLong(b + 1), rs.getLong(b + 2), rs.getString(b + 3), orderNumber,
                fromDb(rs.getObject(b + 5, LocalDateTime.class)), rs.getString(b + 6), rs.getString(b + 7), rs.getString(b + 8),
                fromDb(rs.getObject(b + 9, LocalDateTime.class)), rs.getString(b + 10), rs.getString(b + 11), rs.getInt(b + 12),
                rs.getString(b + 13), fromDb(rs.getObject(b + 14, LocalDateTime.class)),
                fromDb(rs.getObject(b + 15, LocalDateTime.class)), null, null, null);
    }

    /** The summary whose columns ({@link #summaryColumns}) follow the first {@code before} columns of the row. */
    public static OrderSummary summary(ResultSet rs, int before) throws SQLException {
        int b = before;
        return new OrderSummary(rs.getLong(b + 1), rs.getLong(b + 2), rs.getString(b + 3), rs.getObject(b + 4, Long.class),
                fromDb(rs.getObject(b + 5, LocalDateTime.class)), rs.getString(b + 6), rs.getString(b + 7), rs.getString(b + 8),
                fromDb(rs.getObject(b + 9, LocalDateTime.class)), rs.getString(b + 10), rs.getString(b + 11), rs.getInt(b + 12),
                rs.getString(b + 13), fromDb(rs.getObject(b + 14, LocalDateTime.class)),
                fromDb(rs.getObject(b + 15, LocalDateTime.class)), rs.getString(b + 16), rs.getString(b + 17), rs.getString(b + 18));
    }
}
