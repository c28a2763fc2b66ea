package com.returnsdrawer.orders;

import com.returnsdrawer.db.Placeholders;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * A customer's orders in a shop plus the named orders of that shop (a redaction or data request), as one condition
 * on the {@code shop_id}, {@code customer_id} and {@code order_id} columns {@code orders} and {@code drawer_orders}
 * share.
 */
record CustomerOrders(long shopId, long customerId, List<Long> orderIds) {

    CustomerOrders {
        orderIds = List.copyOf(orderIds);
    }

    String where() {
        return "shop_id = ? AND (customer_id = ?"
                + (orderIds.isEmpty() ? "" : " OR order_id IN (" + Placeholders.list(orderIds.size()) + ")") + ")";
    }

    /** Binds {@link #where()}'s parameters after {@code offset}; returns the new offset. */
    int bind(PreparedStatement ps, int offset) throws SQLException {
        ps.setLong(offset + 1, shopId);
        ps.setLong(offset + 2, customerId);
        return Placeholders.bindAll(ps, offset + 2, orderIds);
    }
}
