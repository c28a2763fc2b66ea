package com.returnsdrawer.db;

import com.returnsdrawer.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * V11 fills the drawer's list from the orders an installed app already holds: every listable order (a customer's,
 * not deleted) and nothing else, on both databases.
 */
class DrawerListMigrationTest {

    private final Map<String, Object> props = TestDatabase.isolated("migration");

    @AfterEach
    void drop() {
        TestDatabase.dropIsolated(props);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection((String) props.get("datasources.default.url"), user(), password());
    }

    private String user() {
        return (String) props.getOrDefault("datasources.default.username",
                System.getenv().getOrDefault("DATASOURCES_DEFAULT_USERNAME", ""));
    }

    private String password() {
        return (String) props.getOrDefault("datasources.default.password",
                System.getenv().getOrDefault("DATASOURCES_DEFAULT_PASSWORD", ""));
    }

    private void migrate(String target) {
        Flyway.configure().dataSource((String) props.get("datasources.default.url"), user(), password())
                .locations("classpath:db/migration").target(target).load().migrate();
    }

    @Test
    void copiesTheListableOrdersOfEveryShopAndNothingElse() throws SQLException {
        migrate("10");
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO shops (id, domain, installed, created_at, updated_at) VALUES"
                    + " (1, 'a.myshopify.com', TRUE, '2026-11-01 00:00:00', '2026-11-01 00:00:00'),"
                    + " (2, 'b.myshopify.com', TRUE, '2026-11-01 00:00:00', '2026-11-01 00:00:00')");
            st.executeUpdate("INSERT INTO orders (id, shop_id, order_id, customer_id, name, order_number, email, total_price,"
                    + " currency, item_count, image_url, display_status, delivered_at, created_at, deleted_at, synced_at) VALUES"
                    + " (1, 1, 7000000000000000001, 11, '#1001', 1001, 'a@example.com', '10.00', 'EUR', 2, 'https://cdn/x.png',"
                    + "  'delivered', '2026-11-03 00:00:00', '2026-11-01 00:00:00', NULL, '2026-11-05 00:00:00'),"
                    + " (2, 1, 7000000000000000002, 11, '#1002', 1002, 'a@example.com', '5.00', 'EUR', 1, NULL,"
                    + "  'unfulfilled', NULL, NULL, NULL, '2026-11-05 00:00:00'),"          // no creation time: listed last
                    + " (3, 1, 7000000000000000003, NULL, '#1003', 1003, NULL, '5.00', 'EUR', 1, NULL,"
                    + "  'unfulfilled', NULL, '2026-11-02 00:00:00', NULL, '2026-11-05 00:00:00'),"  // a guest's
                    + " (4, 1, 7000000000000000004, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL,"
                    + "  'unfulfilled', NULL, NULL, '2026-11-04 00:00:00', '2026-11-05 00:00:00'),"  // a tombstone
                    + " (5, 2, 7000000000000000005, 11, '#9', 9, 'b@example.com', '1.00', 'USD', 1, NULL,"
                    + "  'in_transit', NULL, '2026-11-02 00:00:00', NULL, '2026-11-05 00:00:00')");
        }

        migrate("latest");

        try (Connection c = connect()) {
            String columns = "shop_id, customer_id, order_id, name, order_number, created_at, display_status, financial_status,"
                    + " fulfillment_status, cancelled_at, total_price, currency, item_count, image_url, fulfilled_at, delivered_at";
            assertEquals(rows(c, "SELECT id AS order_pk, " + columns
                            + " FROM orders WHERE customer_id IS NOT NULL AND deleted_at IS NULL ORDER BY id"),
                    rows(c, "SELECT order_pk, " + columns + " FROM drawer_orders ORDER BY order_pk"));
            assertEquals(List.of(1L, 2L, 5L), ids(c, "SELECT order_pk FROM drawer_orders ORDER BY order_pk"));
            assertEquals(List.of(1L, 2L), ids(c, "SELECT order_pk FROM drawer_orders WHERE shop_id = 1 AND customer_id = 11"
                    + " ORDER BY listed_at DESC, order_id DESC"), "newest first, an order without a creation time last");
        }
    }

    private static List<Map<String, Object>> rows(Connection c, String sql) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= n; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    private static List<Long> ids(Connection c, String sql) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }
}
