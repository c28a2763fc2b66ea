package com.returnsdrawer.shopper;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.orders.OrderSnapshot;
import com.returnsdrawer.orders.OrderWriter;
import com.returnsdrawer.shop.Shop;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.support.TestDatabase;
import com.returnsdrawer.support.TestShops;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The storefront's queries (shop, settings and orders in one statement) must read the shop by its unique domain
 * and the orders by an index range, on both databases: never a full scan, never a filesort.
 */
@MicronautTest(startApplication = false, transactional = false)
class ShopperQueriesUseIndexesTest {

    private Shop shop;

    @BeforeEach
    void seed(ShopStore shops, OrderWriter writer, Database database) {
        shop = shops.findOrCreate(TestShops.unique("explain"), Instant.now());
        Instant now = Instant.now();
        database.inTransaction(c -> {
            for (int i = 0; i < 30; i++) {
                writer.apply(c, shop.id(), new OrderSnapshot(9_000_000_000L + i, 1001L + (i % 3), "#" + i, (long) i,
                        null, null, null, "paid", null, "1.00", "USD", now.minus(Duration.ofDays(i)), now, null,
                        java.util.List.of(), java.util.List.of()), now);
            }
            return null;
        });
        if (!TestDatabase.isMySql()) {
            // H2 gathers statistics only after 2000 changed rows; a real database has them.
            database.withConnection(c -> c.createStatement().execute("ANALYZE"));
        }
    }

    private static List<String> explain(Database database, String sql, Object... args) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            row.append(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT)).append('=')
                                    .append(rs.getString(i)).append(' ');
                        }
                        rows.add(row.toString());
                    }
                }
                return rows;
            }
        });
    }

    @Test
    void customerPageIsOneRangeOfTheDrawerList(Database database, ShopperReads reads) {
        List<String> plan = explain(database, reads.pageSql(), shop.domain().value(), 1001L, 21, 0);
        String text = String.join("\n", plan).toLowerCase(Locale.ROOT);
        // The drawer's list by its primary key (shop, customer, listed_at, order): one range, no lookup per order.
        assertTrue(reads.pageSql().contains(" JOIN drawer_orders o "), reads.pageSql());
        assertTrue(text.contains("uk_shops_domain"), text);
        assertNoScanOrSort(text);
        if (TestDatabase.isMySql()) {
            assertEquals(3, plan.size(), text);
            assertTrue(text.contains("table=o ") && text.contains("key=primary") && text.contains("ref=const,const"), text);
        } else {
            assertTrue(text.matches("(?s).*\"drawer_orders\" \"o\"\\s+/\\* public\\.primary_key_\\w+: customer_id = \\?2.*"), text);
        }
    }

    @Test
    void singleOrderLookupUsesUniqueKeys(Database database, ShopperReads reads) {
        String text = String.join("\n", explain(database, reads.oneSql(), 1001L, 9_000_000_003L,
                shop.domain().value())).toLowerCase(Locale.ROOT);
        // The shop by its unique domain, the order by its unique (shop, order id) key: one row each.
        assertTrue(text.contains("uk_shops_domain"), text);
        assertTrue(text.contains("uk_orders_shop_order"), text);
        assertNoScanOrSort(text);
    }

    /** A full scan is {@code type=ALL} in MySQL's plan and {@code tableScan} in H2's; a sort in a file or table is MySQL's. */
    private static void assertNoScanOrSort(String plan) {
        assertFalse(plan.contains("type=all"), plan);
        assertFalse(plan.contains("tablescan"), plan);
        assertFalse(plan.contains("filesort"), plan);
        assertFalse(plan.contains("temporary"), plan);
    }
}
