package com.returnsdrawer.db;

/**
 * Multi-row statements written out ({@code VALUES (?, ?), (?, ?), …}) rather than left to the driver's batch
 * rewriting: Connector/J prepares a rewritten batch on the server anew for every batch and closes it after
 * (two extra round trips), where a statement of the same text is taken from the prepared-statement cache. One
 * text per row count; a connection's cache holds each after first use.
 */
public final class MultiRow {

    private MultiRow() {
    }

    /**
     * {@code head} (ending in {@code VALUES}), {@code rows} groups of {@code columns} placeholders, then
     * {@code tail} (an {@code ON DUPLICATE KEY UPDATE} clause, say, or empty).
     */
    public static String values(String head, int columns, int rows, String tail) {
        if (columns < 1 || rows < 1) {
            throw new IllegalArgumentException("at least one row of at least one column");
        }
        String row = "(" + "?, ".repeat(columns - 1) + "?)";
        StringBuilder sql = new StringBuilder(head.length() + tail.length() + rows * (row.length() + 2) + 2);
        sql.append(head).append(' ').append(row);
        for (int i = 1; i < rows; i++) {
            sql.append(", ").append(row);
        }
        if (!tail.isEmpty()) {
            sql.append(' ').append(tail);
        }
        return sql.toString();
    }
}
