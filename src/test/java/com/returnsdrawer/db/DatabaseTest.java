package com.returnsdrawer.db;

import com.returnsdrawer.support.TestShops;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Named;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Transactions through a pool of one connection, so every call reuses it: a committed unit is visible to
 * other connections, a failed one leaves nothing, and the connection goes back to the pool in auto-commit mode
 * with no transaction left open (a later single statement is committed at once).
 */
@MicronautTest(startApplication = false)
class DatabaseTest {

    private HikariDataSource single;
    private Database one;

    @BeforeEach
    void onePool(@Named("default") DatasourceConfiguration config) {
        HikariConfig copy = new HikariConfig();
        config.copyStateTo(copy);
        copy.setPoolName("database-test");
        copy.setMaximumPoolSize(1);
        copy.setMinimumIdle(1);
        single = new HikariDataSource(copy);
        one = new Database(single, new DataSourceResolver() { });
    }

    @AfterEach
    void close() {
        single.close();
    }

    @Test
    void committedWorkIsVisibleToOtherConnections(Database database) {
        String domain = TestShops.unique("tx-commit").value();
        String answer = one.inTransaction(c -> {
            insertShop(c, domain);
            return "done";
        });
        assertEquals("done", answer);
        assertEquals(1, shops(database, domain));
    }

    @Test
    void failedWorkLeavesNothingAndTheConnectionIsCleanAfterwards(Database database) {
        String failed = TestShops.unique("tx-failed").value();
        String after = TestShops.unique("tx-after").value();
        IllegalStateException boom = new IllegalStateException("boom");
        assertSame(boom, assertThrows(IllegalStateException.class, () -> one.inTransaction(c -> {
            insertShop(c, failed);
            throw boom;
        })));
        assertEquals(0, shops(database, failed));

        // The same (only) connection: in auto-commit mode, and a single statement on it commits at once.
        assertTrue(autoCommit(one));
        one.withConnection(c -> {
            insertShop(c, after);
            return null;
        });
        assertEquals(1, shops(database, after));
        assertEquals(0, shops(database, failed));
    }

    @Test
    void aFailedStatementRollsBackTheWholeUnit(Database database) {
        String first = TestShops.unique("tx-partial").value();
        Database.DatabaseException e = assertThrows(Database.DatabaseException.class, () -> one.inTransaction(c -> {
            insertShop(c, first);
            insertShop(c, first);   // unique key violation
            return null;
        }));
        assertTrue(Database.isDuplicateKey((SQLException) e.getCause()));
        assertEquals(0, shops(database, first));
        assertTrue(autoCommit(one));
    }

    private static void insertShop(java.sql.Connection c, String domain) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO shops (domain, installed, created_at, updated_at) VALUES (?, TRUE, ?, ?)")) {
            LocalDateTime now = LocalDateTime.now();
            ps.setString(1, domain);
            ps.setObject(2, now);
            ps.setObject(3, now);
            ps.executeUpdate();
        }
    }

    private static boolean autoCommit(Database database) {
        Boolean on = database.withConnection(c -> c.getAutoCommit());
        return on;
    }

    private static int shops(Database database, String domain) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM shops WHERE domain = ?")) {
                ps.setString(1, domain);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }
}
