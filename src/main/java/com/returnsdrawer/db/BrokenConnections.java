package com.returnsdrawer.db;

import com.zaxxer.hikari.SQLExceptionOverride;

import java.sql.SQLException;
import java.util.Set;

/**
 * Tells the pool which failures mean a dead connection, so it is dropped instead of handed out again. The pool
 * knows the standard signs (SQLState class 08) on its own; the embedded database's client reports a lost server
 * with error codes of its own (connection broken, database closed), which the pool would otherwise not recognise.
 */
public final class BrokenConnections implements SQLExceptionOverride {

    /** H2: 90067 connection broken, 90098 database closed, 90121 database closed at shutdown, 90028 I/O error. */
    private static final Set<Integer> EMBEDDED_CONNECTION_LOST = Set.of(90067, 90098, 90121, 90028);

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return EMBEDDED_CONNECTION_LOST.contains(e.getErrorCode()) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
