package com.returnsdrawer.db;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;

/**
 * Hand-written JDBC for the paths that need full control of a transaction (webhook apply, token refresh
 * under a row lock, bulk writes): the raw connection pool, one transaction per unit of work, retried when
 * the database resolves a deadlock or a lock wait by aborting it.
 *
 * <p>On MySQL/MariaDB a transaction is {@code START TRANSACTION … COMMIT} on a connection that stays in
 * auto-commit mode: two round trips, where switching auto-commit off and back on around {@code commit()} takes
 * three (every webhook is one transaction, so this is one round trip in seven). Other databases (the embedded
 * one) use the JDBC calls.
 */
@Singleton
public class Database {

    private static final int ATTEMPTS = 4;
    private static final int VALIDATION_SECONDS = 2;

    private final DataSource pool;
    private volatile Boolean mysql;

    Database(DataSource dataSource, DataSourceResolver resolver) {
        this.pool = resolver.resolve(dataSource);
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction and commits it; rolls back on any failure. */
    public <T> T inTransaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (SQLException e) {
                if (!isRetryable(e) || attempt == ATTEMPTS) {
                    throw new DatabaseException(e);
                }
                backoff(attempt);
            }
        }
    }

    private <T> T once(Work<T> work) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            boolean statements = explicitTransactions(connection);
            try {
                if (statements) {
                    execute(connection, "START TRANSACTION");
                } else {
                    connection.setAutoCommit(false);
                }
                T result = work.run(connection);
                if (statements) {
                    execute(connection, "COMMIT");
                } else {
                    connection.commit();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                if (!rollbackQuietly(connection, statements) && pool instanceof HikariDataSource hikari) {
                    // A transaction that may still be open must never go back to the pool.
                    hikari.evictConnection(connection);
                } else {
                    evictIfBroken(connection);
                }
                throw e;
            } finally {
                if (!statements) {
                    restoreAutoCommit(connection);
                }
            }
        }
    }

    /** True for MySQL Connector/J connections in auto-commit mode (the pool's default); decided once. */
    private boolean explicitTransactions(Connection connection) throws SQLException {
        Boolean known = mysql;
        if (known == null) {
            String url = connection.getMetaData().getURL();
            known = url != null && url.startsWith("jdbc:mysql:");
            mysql = known;
        }
        return known && connection.getAutoCommit();
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Runs read-only or single-statement {@code work} with auto-commit. */
    public <T> T withConnection(Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            try {
                return work.run(connection);
            } catch (SQLException | RuntimeException e) {
                evictIfBroken(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** A real round trip to the database; false (never an exception) when it does not answer. */
    public boolean ping() {
        try (Connection connection = pool.getConnection()) {
            if (connection.isValid(VALIDATION_SECONDS)) {
                return true;
            }
            evictIfBroken(connection);
            return false;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Drops a connection that no longer answers, so the pool does not hand it out again: drivers differ in
     * whether their errors tell the pool the connection is dead (H2's client, for one, does not).
     */
    private void evictIfBroken(Connection connection) {
        try {
            if (!connection.isValid(VALIDATION_SECONDS) && pool instanceof HikariDataSource hikari) {
                hikari.evictConnection(connection);
            }
        } catch (SQLException ignored) {
            // isValid only throws for a negative timeout
        }
    }

    /** Deadlock (MySQL 1213, SQLState 40001) or lock wait timeout (1205): the whole transaction may be retried. */
    static boolean isRetryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if ("40001".equals(state) || sql.getErrorCode() == 1213 || sql.getErrorCode() == 1205) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A unique-key violation: the row another transaction just inserted. */
    public static boolean isDuplicateKey(SQLException e) {
        return e.getErrorCode() == 1062 || "23505".equals(e.getSQLState());   // MySQL/MariaDB, H2
    }

    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // a broken connection; evicted above
        }
    }

    /** False when the rollback failed: the connection is broken or its transaction state unknown. */
    private static boolean rollbackQuietly(Connection connection, boolean statement) {
        try {
            if (statement) {
                execute(connection, "ROLLBACK");
            } else {
                connection.rollback();
            }
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(5L * attempt + (long) (Math.random() * 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A database failure; {@link #unavailable()} tells a lost connection (answer 503) from a bad statement. */
    public static final class DatabaseException extends RuntimeException {
        DatabaseException(SQLException cause) {
            super(cause.getClass().getSimpleName() + " (SQLState " + cause.getSQLState() + ")", cause);
        }

        public boolean unavailable() {
            for (Throwable t = getCause(); t != null; t = t.getCause()) {
                if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                        || t instanceof SQLRecoverableException) {
                    return true;
                }
                if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                    return true;
                }
            }
            return false;
        }
    }
}
