package com.returnsdrawer.support;

import com.returnsdrawer.db.Database;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The drawer's list ({@code drawer_orders}) is a copy of {@code orders}: exactly the listable orders (a customer's,
 * not deleted), with the same values. Tests that write orders check it after every kind of write.
 */
public final class DrawerList {

    private DrawerList() {
    }

    private static final String COLUMNS = "shop_id, customer_id, order_id, name, order_number, created_at, display_status,"
            + " financial_status, fulfillment_status, cancelled_at, total_price, currency, item_count, image_url,"
            + " fulfilled_at, delivered_at";

    /** Fails unless the drawer's list of {@code shopId} is exactly what its orders say it must be. */
    public static void assertInStep(Database database, long shopId) {
        List<Map<String, Object>> expected = Sql.rows(database, "SELECT id AS order_pk, " + COLUMNS
                + " FROM orders WHERE shop_id = ? AND customer_id IS NOT NULL AND deleted_at IS NULL ORDER BY id", shopId);
        List<Map<String, Object>> actual = Sql.rows(database, "SELECT order_pk, " + COLUMNS
                + " FROM drawer_orders WHERE shop_id = ? ORDER BY order_pk", shopId);
        assertEquals(expected, actual, "the drawer's list differs from the orders of shop " + shopId);
    }

    /** The order ids on {@code customerId}'s list in {@code shopId}, newest first, as the drawer reads them. */
    public static List<Long> orderIds(Database database, long shopId, long customerId) {
        return Sql.rows(database, "SELECT order_id FROM drawer_orders WHERE shop_id = ? AND customer_id = ?"
                        + " ORDER BY listed_at DESC, order_id DESC", shopId, customerId).stream()
                .map(row -> ((Number) row.get("order_id")).longValue()).toList();
    }
}
