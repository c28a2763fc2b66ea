package com.returnsdrawer.orders;

import com.returnsdrawer.db.MultiRow;
import com.returnsdrawer.db.Placeholders;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.returnsdrawer.db.Placeholders.bindPadded;
import static com.returnsdrawer.db.Placeholders.paddedIn;
import static com.returnsdrawer.db.Times.toDb;

/**
 * Owns {@code order_returns}: each Shopify return's status and order, the statement Shopify triggered last winning
 * (an older delivery arriving later changes nothing). Returns are kept by the order's Shopify id, so one that
 * arrives before its order is shown once the order is stored. Hand-written JDBC: one multi-row upsert per webhook
 * group or import page keeps W1 — see docs/performance.md, "Group commit" and "Multi-row statements".
 */
@Singleton
public class OrderReturns {

    /** A return as a webhook delivery or an import page states it, and when Shopify stated it. */
    public record Stated(long shopId, long returnId, long orderId, ReturnStatus status, Instant triggeredAt) {
    }

    private static final String UPSERT_HEAD =
            "INSERT INTO order_returns (shop_id, return_id, order_id, status, triggered_at) VALUES";
    /**
     * A row changes only for a statement at least as new as the stored one (equal: the same delivery again, so
     * nothing changes). {@code triggered_at} is assigned last: MySQL evaluates the assignments left to right, each
     * seeing the ones before it, H2 all against the old row; with it last, both compare against the stored time.
     */
    private static final String UPSERT_TAIL = """
            ON DUPLICATE KEY UPDATE
              order_id = CASE WHEN VALUES(triggered_at) >= triggered_at THEN VALUES(order_id) ELSE order_id END,
              status = CASE WHEN VALUES(triggered_at) >= triggered_at THEN VALUES(status) ELSE status END,
              triggered_at = CASE WHEN VALUES(triggered_at) >= triggered_at THEN VALUES(triggered_at) ELSE triggered_at END""";

    /**
     * Writes the returns in one statement however many. Statements of the same return are first reduced to the
     * newest (the later one in list order when equally new), as they would be written one after the other.
     */
    public void write(Connection c, List<Stated> returns) throws SQLException {
        if (returns.isEmpty()) {
            return;
        }
        Map<List<Long>, Stated> newest = new LinkedHashMap<>();
        for (Stated r : returns) {
            newest.merge(List.of(r.shopId(), r.returnId()), r,
                    (held, next) -> next.triggeredAt().isBefore(held.triggeredAt()) ? held : next);
        }
        try (PreparedStatement ps = c.prepareStatement(MultiRow.values(UPSERT_HEAD, 5, newest.size(), UPSERT_TAIL))) {
            int p = 0;
            for (Stated r : newest.values()) {
                ps.setLong(++p, r.shopId());
                ps.setLong(++p, r.returnId());
                ps.setLong(++p, r.orderId());
                ps.setString(++p, r.status().code());
                ps.setObject(++p, toDb(r.triggeredAt()));
            }
            ps.executeUpdate();
        }
    }

    /**
     * The returns of the given orders (row ids), each order's by return id (Shopify's ids grow, so oldest first):
     * one statement however many orders. The orders' rows name the shop, so no other shop's return can match.
     */
    Map<Long, List<OrderReturn>> of(Connection c, Collection<Long> orderPks) throws SQLException {
        if (orderPks.isEmpty()) {
            return Map.of();
        }
        List<Long> pks = List.copyOf(orderPks);
        Map<Long, List<OrderReturn>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT o.id, r.return_id, r.status FROM orders o"
                + " JOIN order_returns r ON r.shop_id = o.shop_id AND r.order_id = o.order_id"
                + " WHERE o.id" + paddedIn(pks.size()) + " ORDER BY o.id, r.return_id")) {
            bindPadded(ps, 0, pks);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ReturnStatus status = ReturnStatus.of(rs.getString(3)).orElse(null);
                    if (status != null) {
                        out.computeIfAbsent(rs.getLong(1), pk -> new ArrayList<>()).add(new OrderReturn(rs.getLong(2), status));
                    }
                }
            }
        }
        return out;
    }

    /**
     * customers/redact: the returns of the customer's stored orders in the shop and of the named orders (stored or
     * not). Run before the orders lose their customer. One statement.
     *
     * @return how many returns were deleted
     */
    public int forgetCustomer(Connection c, long shopId, long customerId, Collection<Long> orderIds) throws SQLException {
        List<Long> named = List.copyOf(orderIds);
        String sql = "DELETE FROM order_returns WHERE shop_id = ? AND (order_id IN"
                + " (SELECT order_id FROM orders WHERE shop_id = ? AND customer_id = ?)"
                + (named.isEmpty() ? "" : " OR order_id IN (" + Placeholders.list(named.size()) + ")") + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, shopId);
            ps.setLong(2, shopId);
            ps.setLong(3, customerId);
            Placeholders.bindAll(ps, 3, named);
            return ps.executeUpdate();
        }
    }

    /** shop/redact: every return of the shop. */
    public int forgetShop(Connection c, long shopId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM order_returns WHERE shop_id = ?")) {
            ps.setLong(1, shopId);
            return ps.executeUpdate();
        }
    }
}
