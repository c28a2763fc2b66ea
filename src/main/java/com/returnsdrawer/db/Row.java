package com.returnsdrawer.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The current row of a result set, read by column label with the positions worked out once from the statement's
 * select list ({@link Labels}). Asking the driver by label instead builds a case-insensitive index of the result
 * set's columns on every execution: on the drawer page that was 7% of the JVM's time (docs/performance.md, "Rows
 * read by label").
 */
public final class Row {

    private final ResultSet rs;
    private final Labels labels;

    public Row(ResultSet rs, Labels labels) {
        this.rs = rs;
        this.labels = labels;
    }

    public long getLong(String label) throws SQLException {
        return rs.getLong(labels.at(label));
    }

    public int getInt(String label) throws SQLException {
        return rs.getInt(labels.at(label));
    }

    public boolean getBoolean(String label) throws SQLException {
        return rs.getBoolean(labels.at(label));
    }

    public String getString(String label) throws SQLException {
        return rs.getString(labels.at(label));
    }

    public Object getObject(String label) throws SQLException {
        return rs.getObject(labels.at(label));
    }

    public <T> T getObject(String label, Class<T> type) throws SQLException {
        return rs.getObject(labels.at(label), type);
    }

    /** The 1-based position of each label of a select list: {@code o.name} is {@code name}, {@code x AS y} is {@code y}. */
    public static final class Labels {
        private final Map<String, Integer> positions;

        private Labels(Map<String, Integer> positions) {
            this.positions = positions;
        }

        /** The labels of {@code selectList} (the text between {@code SELECT} and {@code FROM}). */
        public static Labels of(String selectList) {
            Map<String, Integer> positions = new HashMap<>();
            int depth = 0;
            int start = 0;
            int position = 0;
            for (int i = 0; i <= selectList.length(); i++) {
                char ch = i < selectList.length() ? selectList.charAt(i) : ',';
                if (ch == '(') {
                    depth++;
                } else if (ch == ')') {
                    depth--;
                } else if (ch == ',' && depth == 0) {
                    String item = selectList.substring(start, i).trim();
                    int as = item.toUpperCase(Locale.ROOT).lastIndexOf(" AS ");
                    String label = as >= 0 ? item.substring(as + 4).trim() : item.substring(item.lastIndexOf('.') + 1);
                    if (positions.putIfAbsent(label.toLowerCase(Locale.ROOT), ++position) != null) {
                        throw new IllegalArgumentException("label " + label + " twice in " + selectList);
                    }
                    start = i + 1;
                }
            }
            return new Labels(Map.copyOf(positions));
        }

        int at(String label) {
            Integer position = positions.get(label);
            if (position == null) {
                throw new IllegalArgumentException("no column labelled " + label);
            }
            return position;
        }
    }
}
