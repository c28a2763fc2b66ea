package com.returnsdrawer.orders;

import com.returnsdrawer.db.MultiRow;
import com.returnsdrawer.db.Placeholders;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.returnsdrawer.db.Placeholders.setLong;
import static com.returnsdrawer.db.Placeholders.truncate;

/**
 * Owns {@code order_line_items}: rewritten only when an order's items changed, read for the detail view.
 * Hand-written JDBC: one delete and one multi-row upsert per webhook group or import page keep W1 — see
 * docs/performance.md, "Multi-row statements".
 */
@Singleton
class LineItems {

    /** Rows per line-item statement, far below the 65,535 placeholders a statement may have. */
    static final int ROWS_PER_STATEMENT = 2_000;

    /**
     * Replaces the orders' line items with the given ones (keeping images an import found): two statements for
     * any number of orders, unless they have more than {@value #ROWS_PER_STATEMENT} items between them.
     */
    void rewrite(Connection c, Map<Long, List<OrderSnapshot.LineItem>> itemsByOrder) throws SQLException {
        Map<Long, List<OrderSnapshot.LineItem>> chunk = new LinkedHashMap<>();
        int rows = 0;
        for (Map.Entry<Long, List<OrderSnapshot.LineItem>> order : itemsByOrder.entrySet()) {
            if (!chunk.isEmpty() && rows + order.getValue().size() > ROWS_PER_STATEMENT) {
                rewriteChunk(c, chunk, rows);
                chunk.clear();
                rows = 0;
            }
            chunk.put(order.getKey(), order.getValue());
            rows += order.getValue().size();
        }
        if (!chunk.isEmpty()) {
            rewriteChunk(c, chunk, rows);
        }
    }

    /** Removes the rows the payloads no longer have, then upserts the rest. */
    private static void rewriteChunk(Connection c, Map<Long, List<OrderSnapshot.LineItem>> itemsByOrder, int rows)
            throws SQLException {
        // Row counts are padded (the last row repeated) to a few statement shapes, which the prepared-statement cache
        // keeps: a new shape is prepared on the server anew, parameter by parameter (docs/performance.md, "Bulk import").
        int slots = padded(rows);
        StringBuilder delete = new StringBuilder("DELETE FROM order_line_items WHERE order_pk")
                .append(Placeholders.paddedIn(itemsByOrder.size()));
        if (rows > 0) {
            delete.append(" AND (order_pk, line_item_id) NOT IN (").append("(?, ?), ".repeat(slots - 1)).append("(?, ?))");
        }
        try (PreparedStatement ps = c.prepareStatement(delete.toString())) {
            int i = Placeholders.bindPadded(ps, 0, List.copyOf(itemsByOrder.keySet()));
            long lastOrder = 0;
            long lastItem = 0;
            for (Map.Entry<Long, List<OrderSnapshot.LineItem>> order : itemsByOrder.entrySet()) {
                for (OrderSnapshot.LineItem item : order.getValue()) {
                    ps.setLong(++i, lastOrder = order.getKey());
                    ps.setLong(++i, lastItem = item.lineItemId());
                }
            }
            for (int pad = rows; pad < slots && rows > 0; pad++) {
                ps.setLong(++i, lastOrder);
                ps.setLong(++i, lastItem);
            }
            ps.executeUpdate();
        }
        if (rows == 0) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(MultiRow.values("""
                INSERT INTO order_line_items (order_pk, line_item_id, position, title, variant_title, quantity, price,
                  variant_id, product_id, image_url) VALUES""", 10, slots, """
                ON DUPLICATE KEY UPDATE position = VALUES(position), title = VALUES(title),
                  variant_title = VALUES(variant_title), quantity = VALUES(quantity), price = VALUES(price),
                  variant_id = VALUES(variant_id), product_id = VALUES(product_id),
                  image_url = COALESCE(VALUES(image_url), image_url)"""))) {
            int i = 0;
            long lastOrder = 0;
            int lastPosition = 0;
            OrderSnapshot.LineItem last = null;
            for (Map.Entry<Long, List<OrderSnapshot.LineItem>> order : itemsByOrder.entrySet()) {
                int position = 0;
                for (OrderSnapshot.LineItem item : order.getValue()) {
                    i = bindRow(ps, i, lastOrder = order.getKey(), lastPosition = position++, last = item);
                }
            }
            // The padding repeats the last row: its duplicate key updates that row to the same values.
            for (int pad = rows; pad < slots; pad++) {
                i = bindRow(ps, i, lastOrder, lastPosition, last);
            }
            ps.executeUpdate();
        }
    }

    private static int bindRow(PreparedStatement ps, int offset, long orderPk, int position, OrderSnapshot.LineItem item)
            throws SQLException {
        int i = offset;
        ps.setLong(++i, orderPk);
        ps.setLong(++i, item.lineItemId());
        ps.setInt(++i, position);
        ps.setString(++i, truncate(item.title(), 512));
        ps.setString(++i, truncate(item.variantTitle(), 512));
        ps.setInt(++i, item.quantity());
        ps.setString(++i, truncate(item.price(), 32));
        setLong(ps, ++i, item.variantId());
        setLong(ps, ++i, item.productId());
        ps.setString(++i, truncate(item.imageUrl(), 2048));
        return i;
    }

    /** Rows padded to the next multiple of 64 (of 8 below 64): at most 40 statement shapes up to 2,000 rows. */
    static int padded(int rows) {
        int step = rows <= 64 ? 8 : 64;
        return rows == 0 ? 0 : (rows + step - 1) / step * step;
    }

    /** The line items of the given orders (by row id), in their order: one query. */
    Map<Long, List<OrderSnapshot.LineItem>> of(Connection c, Collection<Long> orderPks) throws SQLException {
        Map<Long, List<OrderSnapshot.LineItem>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT order_pk, line_item_id, title, variant_title, quantity, price, variant_id, product_id, image_url"
                        + " FROM order_line_items WHERE order_pk IN (" + Placeholders.list(orderPks.size())
                        + ") ORDER BY order_pk, position")) {
            Placeholders.bindAll(ps, 0, orderPks);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new OrderSnapshot.LineItem(
                            rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6),
                            rs.getObject(7, Long.class), rs.getObject(8, Long.class), rs.getString(9)));
                }
            }
        }
        return out;
    }

    void deleteOf(Connection c, long orderPk) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM order_line_items WHERE order_pk = ?")) {
            ps.setLong(1, orderPk);
            ps.executeUpdate();
        }
    }

    /** Deletes the line items of a customer's orders (redaction): one statement. */
    void forget(Connection c, CustomerOrders scope) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM order_line_items WHERE order_pk IN (" + OrderRows.idsOf(scope) + ")")) {
            scope.bind(ps, 0);
            ps.executeUpdate();
        }
    }
}
