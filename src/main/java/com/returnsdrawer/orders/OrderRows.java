package com.returnsdrawer.orders;

import com.returnsdrawer.db.MultiRow;
import com.returnsdrawer.db.Row;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.returnsdrawer.db.Placeholders.bindPadded;
import static com.returnsdrawer.db.Placeholders.paddedIn;
import static com.returnsdrawer.db.Placeholders.setLong;
import static com.returnsdrawer.db.Times.fromDb;
import static com.returnsdrawer.db.Times.toDb;

/**
 * Owns {@code orders}: the lock every writer of an order takes, the multi-row upsert, tombstones and redaction,
 * and the merchant-side reads. Hand-written JDBC: one lock and one multi-row upsert per webhook group or import
 * page keep W1 — see docs/performance.md, "Group commit" and "Multi-row statements".
 */
@Singleton
class OrderRows {

    /** Turns orders into tombstones: no customer data left, hidden from every reader, kept against resurrection. */
    private static final String TOMBSTONE = "UPDATE orders SET customer_id = NULL, name = NULL, order_number = NULL,"
            + " email = NULL, zip = NULL, locale = NULL, total_price = NULL, image_url = NULL, item_count = 0,"
            + " line_items_hash = NULL, deleted_at = ?, synced_at = ? WHERE ";

    /** {@link OrderRow}'s fields, in order. */
    private static final String UPSERT_HEAD = """
            INSERT INTO orders (id, shop_id, order_id, customer_id, name, order_number, email, zip, locale,
              financial_status, fulfillment_status, total_price, currency, item_count, image_url, display_status,
              fulfilled_at, delivered_at, cancelled_at, created_at, shopify_updated_at, synced_at, line_items_hash)
            VALUES""";
    private static final int UPSERT_COLUMNS = OrderRow.class.getRecordComponents().length;
    private static final String UPSERT_TAIL = """
            ON DUPLICATE KEY UPDATE customer_id = VALUES(customer_id), name = VALUES(name),
              order_number = VALUES(order_number), email = VALUES(email), zip = VALUES(zip), locale = VALUES(locale),
              financial_status = VALUES(financial_status), fulfillment_status = VALUES(fulfillment_status),
              total_price = VALUES(total_price), currency = VALUES(currency), item_count = VALUES(item_count),
              image_url = COALESCE(VALUES(image_url), image_url), display_status = VALUES(display_status),
              fulfilled_at = VALUES(fulfilled_at), delivered_at = VALUES(delivered_at),
              cancelled_at = VALUES(cancelled_at), created_at = VALUES(created_at),
              shopify_updated_at = VALUES(shopify_updated_at), synced_at = VALUES(synced_at),
              line_items_hash = VALUES(line_items_hash)""";

    /** The locked order row and its stored fulfillments, read in one statement. */
    record Locked(long pk, Instant updatedAt, boolean deleted, boolean cancelled, String fulfillmentStatus,
                  String lineItemsHash, Map<Long, FulfillmentSnapshot> fulfillments) {
    }

    private final Fulfillments fulfillments;

    OrderRows(Fulfillments fulfillments) {
        this.fulfillments = fulfillments;
    }

    /**
     * Locks the orders' rows, inserting placeholders for the ones not stored yet; an order another transaction
     * inserts meanwhile is waited for and locked instead.
     */
    Map<Long, Locked> lockOrInsert(Connection c, long shopId, List<Long> orderIds, Instant now) throws SQLException {
        Map<Long, Locked> rows = lock(c, shopId, orderIds);
        if (rows.size() == orderIds.size()) {
            return rows;
        }
        List<Long> missing = new ArrayList<>();
        for (Long id : orderIds) {
            if (!rows.containsKey(id)) {
                missing.add(id);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                MultiRow.values("INSERT IGNORE INTO orders (shop_id, order_id, synced_at) VALUES", 3, missing.size(), ""))) {
            int p = 0;
            for (long id : missing) {
                ps.setLong(++p, shopId);
                ps.setLong(++p, id);
                ps.setObject(++p, toDb(now));
            }
            ps.executeUpdate();
        }
        rows.putAll(lock(c, shopId, missing));
        for (Long id : missing) {
            if (!rows.containsKey(id)) {
                throw new SQLException("order " + id + " neither inserted nor found");
            }
        }
        return rows;
    }

    /**
     * Locks the order rows (and their fulfillments) and reads both at once, in one statement: every writer of
     * one order is serialised here. The padded id list lets a few statement shapes serve every batch size.
     */
    private Map<Long, Locked> lock(Connection c, long shopId, List<Long> orderIds) throws SQLException {
        String sql = "SELECT o.order_id, o.id, o.shopify_updated_at, o.deleted_at, o.cancelled_at, o.fulfillment_status,"
                + " o.line_items_hash, " + Fulfillments.JOINED_COLUMNS + " FROM orders o " + Fulfillments.JOIN
                + " WHERE o.shop_id = ? AND o.order_id" + paddedIn(orderIds.size()) + " FOR UPDATE";
        Map<Long, Locked> rows = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, shopId);
            bindPadded(ps, 1, orderIds);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long orderId = rs.getLong(1);
                    Locked row = rows.get(orderId);
                    if (row == null) {
                        row = new Locked(rs.getLong(2), fromDb(rs.getObject(3, LocalDateTime.class)),
                                rs.getObject(4, LocalDateTime.class) != null, rs.getObject(5, LocalDateTime.class) != null,
                                rs.getString(6), rs.getString(7), new LinkedHashMap<>());
                        rows.put(orderId, row);
                    }
                    FulfillmentSnapshot f = fulfillments.readJoined(rs, 7, orderId);
                    if (f != null) {
                        row.fulfillments().put(f.fulfillmentId(), f);
                    }
                }
            }
        }
        return rows;
    }

    /** Writes the rows, all locked and existing, so the multi-row upsert only ever updates: one statement. */
    void upsert(Connection c, List<OrderRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(MultiRow.values(UPSERT_HEAD, UPSERT_COLUMNS, rows.size(), UPSERT_TAIL))) {
            int p = 0;
            for (OrderRow row : rows) {
                p = bind(ps, p, row);
            }
            ps.executeUpdate();
        }
    }

    /** Binds one row's fields in {@link #UPSERT_HEAD}'s column order after {@code offset}; returns the new offset. */
    private static int bind(PreparedStatement ps, int offset, OrderRow r) throws SQLException {
        int i = offset;
        ps.setLong(++i, r.pk());
        ps.setLong(++i, r.shopId());
        ps.setLong(++i, r.orderId());
        setLong(ps, ++i, r.customerId());
        ps.setString(++i, r.name());
        setLong(ps, ++i, r.orderNumber());
        ps.setString(++i, r.email());
        ps.setString(++i, r.zip());
        ps.setString(++i, r.locale());
        ps.setString(++i, r.financialStatus());
        ps.setString(++i, r.fulfillmentStatus());
        ps.setString(++i, r.totalPrice());
        ps.setString(++i, r.currency());
        ps.setInt(++i, r.itemCount());
        ps.setString(++i, r.imageUrl());
        ps.setString(++i, r.displayStatus().code());
        ps.setObject(++i, toDb(r.fulfilledAt()));
        ps.setObject(++i, toDb(r.deliveredAt()));
        ps.setObject(++i, toDb(r.cancelledAt()));
        ps.setObject(++i, toDb(r.createdAt()));
        ps.setObject(++i, toDb(r.shopifyUpdatedAt()));
        ps.setObject(++i, toDb(r.syncedAt()));
        ps.setString(++i, r.lineItemsHash());
        return i;
    }

    /** After a fulfillment on its own: the order's fulfillment-derived columns. */
    void updateFulfillmentState(Connection c, long pk, DisplayStatus status, Instant fulfilledAt, Instant deliveredAt,
                                Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE orders SET display_status = ?, fulfilled_at = ?, delivered_at = ?, synced_at = ? WHERE id = ?")) {
            ps.setString(1, status.code());
            ps.setObject(2, toDb(fulfilledAt));
            ps.setObject(3, toDb(deliveredAt));
            ps.setObject(4, toDb(now));
            ps.setLong(5, pk);
            ps.executeUpdate();
        }
    }

    int deleteShopBatch(Connection c, long shopId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM orders WHERE shop_id = ? LIMIT " + limit)) {
            ps.setLong(1, shopId);
            return ps.executeUpdate();
        }
    }

    void tombstone(Connection c, long pk, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(TOMBSTONE + "id = ?")) {
            ps.setObject(1, toDb(now));
            ps.setObject(2, toDb(now));
            ps.setLong(3, pk);
            ps.executeUpdate();
        }
    }

    /** Tombstones a customer's orders; returns how many rows that touched. */
    int tombstone(Connection c, CustomerOrders scope, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(TOMBSTONE + scope.where())) {
            ps.setObject(1, toDb(now));
            ps.setObject(2, toDb(now));
            scope.bind(ps, 2);
            return ps.executeUpdate();
        }
    }

    /** A sub-select of the row ids of a customer's orders, for the children's deletes; bound by the scope. */
    static String idsOf(CustomerOrders scope) {
        return "SELECT id FROM orders WHERE " + scope.where();
    }

    /** An order of the shop, whoever bought it (the merchant's own view: previews). */
    Optional<OrderSummary> findInShop(Connection c, long shopId, long orderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + DrawerList.ORDER_COLUMNS + " FROM orders o"
                + " WHERE o.shop_id = ? AND o.order_id = ? AND o.deleted_at IS NULL AND o.customer_id IS NOT NULL")) {
            ps.setLong(1, shopId);
            ps.setLong(2, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(DrawerList.summary(new Row(rs, DrawerList.ORDER_LABELS), true)) : Optional.empty();
            }
        }
    }

    /** The shop's newest delivered order, else its newest order: a realistic sample for the merchant's preview. */
    Optional<OrderSummary> newestForPreview(Connection c, long shopId) throws SQLException {
        for (String condition : List.of("o.delivered_at IS NOT NULL", "1 = 1")) {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + DrawerList.ORDER_COLUMNS + " FROM orders o"
                    + " WHERE o.shop_id = ? AND o.customer_id IS NOT NULL AND o.deleted_at IS NULL AND " + condition
                    + " ORDER BY o.created_at DESC LIMIT 1")) {
                ps.setLong(1, shopId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return Optional.of(DrawerList.summary(new Row(rs, DrawerList.ORDER_LABELS), true));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** How many orders of the shop are stored (tombstones and placeholders excluded). */
    long countInShop(Connection c, long shopId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM orders WHERE shop_id = ? AND deleted_at IS NULL AND shopify_updated_at IS NOT NULL")) {
            ps.setLong(1, shopId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Every order of a customer in a shop, plus the named orders of that shop (for data requests), newest first. */
    List<OrderSummary> allOf(Connection c, CustomerOrders scope) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + DrawerList.ORDER_COLUMNS + " FROM orders o WHERE "
                + "o.deleted_at IS NULL AND " + scope.where() + " ORDER BY o.created_at DESC")) {
            scope.bind(ps, 0);
            List<OrderSummary> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(DrawerList.summary(new Row(rs, DrawerList.ORDER_LABELS), true));
                }
            }
            return out;
        }
    }
}
