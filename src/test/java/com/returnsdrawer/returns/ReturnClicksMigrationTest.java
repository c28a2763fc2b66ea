package com.returnsdrawer.returns;

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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** V14 folds the clicks already recorded into one per order, customer and UTC day, keeping the first, on both databases. */
class ReturnClicksMigrationTest {

    private final java.util.Map<String, Object> props = TestDatabase.isolated("clicks-migration");

    @AfterEach
    void drop() {
        TestDatabase.dropIsolated(props);
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
    void repeatsOfOneOrderCustomerAndDayAreFoldedIntoTheFirstClick() throws SQLException {
        migrate("11");
        try (Connection c = DriverManager.getConnection((String) props.get("datasources.default.url"), user(), password());
             Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO shops (id, domain, installed, created_at, updated_at) VALUES"
                    + " (1, 'a.myshopify.com', TRUE, '2026-11-01 00:00:00', '2026-11-01 00:00:00')");
            st.executeUpdate("INSERT INTO return_clicks (id, shop_id, order_id, customer_id, provider, clicked_at) VALUES"
                    + " (1, 1, 100, 7, 'loop', '2026-11-02 08:00:00'),"
                    + " (2, 1, 100, 7, 'loop', '2026-11-02 23:59:59'),"   // the same day: folded
                    + " (3, 1, 100, 7, 'loop', '2026-11-03 00:00:00'),"   // the next day
                    + " (4, 1, 100, 8, 'loop', '2026-11-02 09:00:00'),"   // another customer
                    + " (5, 1, 101, 7, 'loop', '2026-11-02 09:00:00')");  // another order
        }

        migrate("latest");

        try (Connection c = DriverManager.getConnection((String) props.get("datasources.default.url"), user(), password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id FROM return_clicks ORDER BY id")) {
            List<Long> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            assertEquals(List.of(1L, 3L, 4L, 5L), ids);
        }
    }
}
