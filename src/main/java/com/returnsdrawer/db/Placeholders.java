package com.returnsdrawer.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.List;

/**
 * The small pieces every hand-written statement needs: IN lists (plain, or padded to a power of two so that a few
 * statement shapes serve every batch size from the prepared-statement cache), nullable longs, and text cut to
 * its column's width.
 */
public final class Placeholders {

    private Placeholders() {
    }

    /** {@code "?, ?, ?"}: {@code count} placeholders, at least one. */
    public static String list(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one placeholder");
        }
        return "?, ".repeat(count - 1) + "?";
    }

    /**
     * {@code " = ?"} or {@code " IN (?, …)"} for {@code count} ids padded to a power of two; {@link #bindPadded}
     * fills it.
     */
    public static String paddedIn(int count) {
        int slots = slots(count);
        return slots == 1 ? " = ?" : " IN (" + list(slots) + ")";
    }

    /** Binds the ids of a {@link #paddedIn} list after {@code offset} parameters, repeating the last one. */
    public static int bindPadded(PreparedStatement ps, int offset, List<Long> ids) throws SQLException {
        int slots = slots(ids.size());
        for (int i = 0; i < slots; i++) {
            ps.setLong(offset + i + 1, ids.get(Math.min(i, ids.size() - 1)));
        }
        return offset + slots;
    }

    /** Binds the ids one after the other after {@code offset} parameters; returns the new offset. */
    public static int bindAll(PreparedStatement ps, int offset, Collection<Long> ids) throws SQLException {
        int i = offset;
        for (Long id : ids) {
            ps.setLong(++i, id);
        }
        return i;
    }

    /** The smallest power of two that holds {@code count} ids. */
    static int slots(int count) {
        return Integer.highestOneBit(Math.max(1, count * 2 - 1));
    }

    public static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    /** The value cut to a column of {@code max} characters. */
    public static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
