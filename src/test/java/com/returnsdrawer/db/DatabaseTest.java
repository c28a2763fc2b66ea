package com.returnsdrawer.db;

import com.returnsdrawer.support.TestShops;
import com.returnsdrawer.settings.ReturnsSettings;
import com.returnsdrawer.settings.SettingsRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Units of work: a committed unit is visible to other connections; a failed one leaves nothing, hand-written
 * statements and repository calls alike; a repository call inside a unit runs on the unit's connection (its row
 * refers to a shop row the unit has not committed, which no other connection could see); connections go back to
 * the pool in auto-commit mode with no transaction left open.
 */
@MicronautTest(startApplication = false, transactional = false)
class DatabaseTest {

    @Inject
    Database one;

    @Inject
    SettingsRepository settings;

    @Test
    void aRepositoryCallInsideAUnitJoinsItsTransaction() {
        String domain = TestShops.unique("tx-joined").value();
        IllegalStateException boom = new IllegalStateException("boom");
        long[] shopId = new long[1];
        assertSame(boom, assertThrows(IllegalStateException.class, () -> one.inTransaction(c -> {
            shopId[0] = insertShop(c, domain);
            settings.save(saved(shopId[0]));
            throw boom;
        })));
        assertEquals(0, shops(one, domain));
        assertTrue(settings.findById(shopId[0]).isEmpty());

        long committed = one.inTransaction(c -> {
            long id = insertShop(c, domain);
            settings.save(saved(id));
            return id;
        });
        assertEquals(1, shops(one, domain));
        assertTrue(settings.findById(committed).isPresent());
    }

    @Test
    void committedWorkIsVisibleToOtherConnections() {
        Database database = one;
        String domain = TestShops.unique("tx-commit").value();
        String answer = one.inTransaction(c -> {
            insertShop(c, domain);
            return "done";
        });
        assertEquals("done", answer);
        assertEquals(1, shops(database, domain));
    }

    @Test
    void failedWorkLeavesNothingAndTheConnectionIsCleanAfterwards() {
        Database database = one;
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
    void aFailedStatementRollsBackTheWholeUnit() {
        Database database = one;
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

    private static ReturnsSettings saved(long shopId) {
        ReturnsSettings defaults = ReturnsSettings.defaults(shopId);
        return new ReturnsSettings(shopId, "loop", "https://acme.loopreturns.com/", true, defaults.returnTrigger(),
                null, null, null, null, LocalDateTime.now());
    }

    private static long insertShop(java.sql.Connection c, String domain) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO shops (domain, installed, created_at, updated_at) VALUES (?, TRUE, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            LocalDateTime now = LocalDateTime.now();
            ps.setString(1, domain);
            ps.setObject(2, now);
            ps.setObject(3, now);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
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
