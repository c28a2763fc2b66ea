package com.returnsdrawer.orders;

import com.returnsdrawer.db.MultiRow;
import com.returnsdrawer.db.Placeholders;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.returnsdrawer.db.Placeholders.truncate;
import static com.returnsdrawer.db.Times.fromDb;
import static com.returnsdrawer.db.Times.toDb;

/**
 * Owns {@code fulfillments}: an order's shipments, written in batches and read for the detail view. Hand-written
 * JDBC: one multi-row insert and one batch of updates per webhook group or import page keep W1 — see
 * docs/performance.md, "Multi-row statements".
 */
@Singleton
class Fulfillments {

    /** The columns {@link OrderRows}' lock reads beside each order, from {@link #JOIN}, in {@link #readJoined}'s order. */
    static final String JOINED_COLUMNS =
            "f.fulfillment_id, f.status, f.shipment_status, f.tracking, f.created_at, f.shopify_updated_at, f.delivered_at";
    static final String JOIN = "LEFT JOIN fulfillments f ON f.order_pk = o.id";

    private static final Argument<List<FulfillmentSnapshot.Tracking>> TRACKING_LIST =
            Argument.listOf(FulfillmentSnapshot.Tracking.class);

    private final ObjectMapper json;

    Fulfillments(ObjectMapper json) {
        this.json = json;
    }

    /** Fulfillment rows to insert and to update, collected over many orders and written in one statement each. */
    static final class Writes {
        private final List<Map.Entry<Long, FulfillmentSnapshot>> inserts = new ArrayList<>();
        private final List<Map.Entry<Long, FulfillmentSnapshot>> updates = new ArrayList<>();

        void add(long orderPk, OrderMerge.Fulfillments merged) {
            merged.inserts().forEach(f -> inserts.add(Map.entry(orderPk, f)));
            merged.updates().forEach(f -> updates.add(Map.entry(orderPk, f)));
        }
    }

    void write(Connection c, Writes writes) throws SQLException {
        if (!writes.inserts.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(MultiRow.values("""
                    INSERT INTO fulfillments (status, shipment_status, tracking, created_at, shopify_updated_at,
                      delivered_at, order_pk, fulfillment_id) VALUES""", 8, writes.inserts.size(), ""))) {
                int offset = 0;
                for (Map.Entry<Long, FulfillmentSnapshot> row : writes.inserts) {
                    offset = bind(ps, offset, row.getKey(), row.getValue());
                }
                ps.executeUpdate();
            }
        }
        if (!writes.updates.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE fulfillments SET status = ?, shipment_status = ?, tracking = ?, created_at = ?,
                      shopify_updated_at = ?, delivered_at = ? WHERE order_pk = ? AND fulfillment_id = ?""")) {
                for (Map.Entry<Long, FulfillmentSnapshot> row : writes.updates) {
                    bind(ps, 0, row.getKey(), row.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    /** Binds one fulfillment row after {@code offset} parameters; returns the new offset. */
    private int bind(PreparedStatement ps, int offset, long orderPk, FulfillmentSnapshot f) throws SQLException {
        int i = offset;
        ps.setString(++i, truncate(f.status(), 32));
        ps.setString(++i, truncate(f.shipmentStatus(), 32));
        ps.setString(++i, writeTracking(f.tracking()));
        ps.setObject(++i, toDb(f.createdAt()));
        ps.setObject(++i, toDb(f.updatedAt()));
        ps.setObject(++i, toDb(f.deliveredAt()));
        ps.setLong(++i, orderPk);
        ps.setLong(++i, f.fulfillmentId());
        return i;
    }

    /** The fulfillment in {@link #JOINED_COLUMNS} after the first {@code before} columns; null for none. */
    FulfillmentSnapshot readJoined(ResultSet rs, int before, long orderId) throws SQLException {
        int b = before;
        long id = rs.getLong(b + 1);
        if (rs.wasNull()) {
            return null;
        }
        return new FulfillmentSnapshot(id, orderId, rs.getString(b + 2), rs.getString(b + 3),
                readTracking(rs.getString(b + 4)), fromDb(rs.getObject(b + 5, LocalDateTime.class)),
                fromDb(rs.getObject(b + 6, LocalDateTime.class)), fromDb(rs.getObject(b + 7, LocalDateTime.class)));
    }

    /** The fulfillments of the given orders (by row id), oldest first: one query. */
    Map<Long, List<FulfillmentSnapshot>> of(Connection c, Collection<Long> orderPks) throws SQLException {
        Map<Long, List<FulfillmentSnapshot>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT order_pk, " + JOINED_COLUMNS.replace("f.", "")
                + " FROM fulfillments WHERE order_pk IN (" + Placeholders.list(orderPks.size()) + ") ORDER BY order_pk, created_at, id")) {
            Placeholders.bindAll(ps, 0, orderPks);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // The detail view does not need the order id: it reads the fulfillments of an order it holds.
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(readJoined(rs, 1, 0));
                }
            }
        }
        return out;
    }

    void deleteOf(Connection c, long orderPk) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM fulfillments WHERE order_pk = ?")) {
            ps.setLong(1, orderPk);
            ps.executeUpdate();
        }
    }

    /** Deletes the fulfillments of a customer's orders (redaction): one statement. */
    void forget(Connection c, CustomerOrders scope) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM fulfillments WHERE order_pk IN (" + OrderRows.idsOf(scope) + ")")) {
            scope.bind(ps, 0);
            ps.executeUpdate();
        }
    }

    private String writeTracking(List<FulfillmentSnapshot.Tracking> tracking) {
        if (tracking.isEmpty()) {
            return null;
        }
        try {
            return json.writeValueAsString(TRACKING_LIST, tracking);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<FulfillmentSnapshot.Tracking> readTracking(String value) {
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        try {
            return json.readValue(value, TRACKING_LIST);
        } catch (IOException e) {
            return List.of();
        }
    }
}
