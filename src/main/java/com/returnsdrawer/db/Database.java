package com.returnsdrawer.db;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Units of work for the hand-written JDBC paths (webhook groups, order writes, bulk writes) and for everything
 * they call. {@link #inTransaction} runs inside Micronaut's transaction (the data source's
 * {@code DataSourceTransactionManager}), so a Micronaut Data repository called inside a unit joins it: one unit,
 * one connection, one commit or rollback, whichever owner wrote. A unit the database aborts to resolve a deadlock
 * or a lock wait is run again, whole.
 */
@Singleton
public class Database {

    private static final int ATTEMPTS = 4;
    private static final int VALIDATION_SECONDS = 2;

    private final DataSource pool;
    private final TransactionOperations<Connection> transactions;

    Database(DataSource dataSource, DataSourceResolver resolver, TransactionOperations<Connection> transactions) {
        this.pool = resolver.resolve(dataSource);
        this.transactions = transactions;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction and commits it; rolls back on any failure. Joins the caller's
     * transaction when there is one (a {@code @Transactional} method, or an enclosing unit).
     */
    public <T> T inTransaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.executeWrite(status -> {
                    try {
                        return work.run(status.getConnection());
                    } catch (SQLException e) {
                        throw new Failed(e);
                    } catch (RuntimeException e) {
                        throw new Failed(e);
                    }
                });
            } catch (Failed e) {
                if (e.getCause() instanceof RuntimeException own) {
                    throw own;
                }
                SQLException sql = (SQLException) e.getCause();
                if (!isRetryable(sql) || attempt == ATTEMPTS || transactions.findTransactionStatus().isPresent()) {
                    throw new DatabaseException(sql);
                }
                backoff(attempt);
            } catch (RuntimeException e) {
                // The transaction manager's own failure: no connection, or a commit or rollback that failed.
                throw new DatabaseException(e);
            }
        }
    }

    /** Carries what a unit threw through the transaction manager, so it can be told from the manager's own. */
    private static final class Failed extends RuntimeException {
        Failed(Exception cause) {
            super(cause.getMessage(), cause, false, false);
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

        DatabaseException(RuntimeException cause) {
            super(cause.getClass().getSimpleName(), cause);
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
