package com.returnsdrawer.support;

import com.returnsdrawer.db.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads rows straight from the database, so tests assert what was stored rather than what an API says. */
public final class Sql {

    private Sql() {
    }

    public static List<Map<String, Object>> rows(Database database, String sql, Object... args) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                List<Map<String, Object>> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 1; i <= n; i++) {
                            Object value = rs.getObject(i);
                            if (value instanceof java.sql.Blob blob) {
                                value = blob.getBytes(1, (int) blob.length());
                            }
                            row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT), value);
                        }
                        out.add(row);
                    }
                }
                return out;
            }
        });
    }

    public static Map<String, Object> one(Database database, String sql, Object... args) {
        List<Map<String, Object>> rows = rows(database, sql, args);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row, got " + rows.size() + " for " + sql);
        }
        return rows.get(0);
    }

    public static long count(Database database, String sql, Object... args) {
        return ((Number) one(database, sql, args).values().iterator().next()).longValue();
    }

    /** A DATETIME column's value as read by {@link #rows}: a Timestamp from the embedded database, a LocalDateTime from MySQL. */
    public static java.time.LocalDateTime dateTime(Object value) {
        if (value == null || value instanceof java.time.LocalDateTime) {
            return (java.time.LocalDateTime) value;
        }
        return ((java.sql.Timestamp) value).toLocalDateTime();
    }
}
