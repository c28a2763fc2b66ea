package com.returnsdrawer.orders;

import com.returnsdrawer.db.Database;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
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

    OrderReader(Database database) {
        this.database = database;
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

    private static OrderSummary summary(ResultSet rs) throws SQLException {
        return new OrderSummary(rs.getLong(1), rs.getLong(2), rs.getString(3), (Long) rs.getObject(4, Long.class),
                fromDb(rs.getObject(5, LocalDateTime.class)), rs.getString(6), rs.getString(7), rs.getString(8),
                fromDb(rs.getObject(9, LocalDateTime.class)), rs.getString(10), rs.getString(11), rs.getInt(12),
                rs.getString(13), fromDb(rs.getObject(14, LocalDateTime.class)),
                fromDb(rs.getObject(15, LocalDateTime.class)), rs.getString(16), rs.getString(17), rs.getString(18));
    }
}
