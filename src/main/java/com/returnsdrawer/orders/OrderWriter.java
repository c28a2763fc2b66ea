package com.returnsdrawer.orders;

import com.returnsdrawer.db.Database;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static com.returnsdrawer.db.Times.fromDb;
import static com.returnsdrawer.db.Times.toDb;

/**
 * Applies order and fulfillment snapshots inside the caller's transaction. The order row is locked first, so
 * every writer of one order (webhook, import, another instance) is serialised on it; a snapshot older than
 * the stored {@code updated_at} is skipped, at order and at fulfillment level. A constant number of statements
 * per call: children are read and written in batches, never one query per row.
 */
@Singleton
public class OrderWriter {

    /** Turns orders into tombstones: no customer data left, hidden from every reader, kept against resurrection. */
    private static final String TOMBSTONE = "UPDATE orders SET customer_id = NULL, name = NULL, order_number = NULL,"
            + " email = NULL, zip = NULL, locale = NULL, total_price = NULL, image_url = NULL, item_count = 0,"
            + " line_items_hash = NULL, deleted_at = ?, synced_at = ? WHERE ";

    /** What a write did. */
    public enum Outcome { APPLIED, STALE, DELETED }

    private static final Argument<List<FulfillmentSnapshot.Tracking>> TRACKING_LIST =
            Argument.listOf(FulfillmentSnapshot.Tracking.class);

    private final ObjectMapper json;

    OrderWriter(ObjectMapper json) {
        this.json = json;
    }

    /** The locked order row and its stored fulfillments, read in one statement. */
    private record Locked(long pk, LocalDateTime updatedAt, boolean deleted, LocalDateTime cancelledAt,
                          String fulfillmentStatus, String lineItemsHash, Map<Long, FulfillmentSnapshot> fulfillments) {
    }

    public Outcome apply(Connection c, long shopId, OrderSnapshot order, Instant now) throws SQLException {
        Locked row = lockOrInsert(c, shopId, order.orderId(), now);
        if (row.deleted()) {
            return Outcome.DELETED;
        }
        if (isOlder(order.updatedAt(), row.updatedAt())) {
            return Outcome.STALE;
        }
        List<FulfillmentSnapshot> fulfillments = mergeFulfillments(c, row, order.fulfillments(), now);
        String itemsHash = lineItemsHash(order.lineItems());
        if (!itemsHash.equals(row.lineItemsHash())) {
            writeLineItems(c, row.pk(), order.lineItems());
        }
        String image = order.lineItems().stream().map(OrderSnapshot.LineItem::imageUrl).filter(Objects::nonNull)
                .findFirst().orElse(null);
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE orders SET customer_id = ?, name = ?, order_number = ?, email = ?, zip = ?, locale = ?,
                  financial_status = ?, fulfillment_status = ?, total_price = ?, currency = ?, item_count = ?,
                  image_url = COALESCE(?, image_url), display_status = ?, fulfilled_at = ?, delivered_at = ?,
                  cancelled_at = ?, created_at = ?, shopify_updated_at = ?, synced_at = ?, line_items_hash = ?
                WHERE id = ?""")) {
            int i = 0;
            setLong(ps, ++i, order.customerId());
            ps.setString(++i, truncate(order.name(), 128));
            setLong(ps, ++i, order.orderNumber());
            ps.setString(++i, truncate(order.email(), 320));
            ps.setString(++i, truncate(order.zip(), 64));
            ps.setString(++i, truncate(order.locale(), 16));
            ps.setString(++i, truncate(order.financialStatus(), 32));
            ps.setString(++i, truncate(order.fulfillmentStatus(), 32));
            ps.setString(++i, truncate(order.totalPrice(), 32));
            ps.setString(++i, truncate(order.currency(), 8));
            ps.setInt(++i, order.itemCount());
            ps.setString(++i, image);
            ps.setString(++i, DisplayStatus.of(order.cancelledAt() != null, order.fulfillmentStatus(), fulfillments));
            ps.setObject(++i, toDb(firstFulfilled(fulfillments)));
            ps.setObject(++i, toDb(firstDelivered(fulfillments)));
            ps.setObject(++i, toDb(order.cancelledAt()));
            ps.setObject(++i, toDb(order.createdAt()));
            ps.setObject(++i, toDb(order.updatedAt()));
            ps.setObject(++i, toDb(now));
            ps.setString(++i, itemsHash);
            ps.setLong(++i, row.pk());
            ps.executeUpdate();
        }
        return Outcome.APPLIED;
    }

    /** A digest of everything stored per line item; equal digests mean nothing to rewrite. */
    static String lineItemsHash(List<OrderSnapshot.LineItem> items) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            for (OrderSnapshot.LineItem item : items) {
                digest.update((item.lineItemId() + "\u0001" + item.title() + "\u0001" + item.variantTitle() + "\u0001"
                        + item.quantity() + "\u0001" + item.price() + "\u0001" + item.variantId() + "\u0001" + item.productId()
                        + "\u0001" + item.imageUrl() + "\u0002").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fulfillment on its own (fulfillments/create|update); an order not seen yet gets a placeholder row. */
    public Outcome applyFulfillment(Connection c, long shopId, FulfillmentSnapshot fulfillment, Instant now)
            throws SQLException {
        Locked row = lockOrInsert(c, shopId, fulfillment.orderId(), now);
        if (row.deleted()) {
            return Outcome.DELETED;
        }
        List<FulfillmentSnapshot> all = mergeFulfillments(c, row, List.of(fulfillment), now);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE orders SET display_status = ?, fulfilled_at = ?, delivered_at = ?, synced_at = ? WHERE id = ?")) {
            ps.setString(1, DisplayStatus.of(row.cancelledAt() != null, row.fulfillmentStatus(), all));
            ps.setObject(2, toDb(firstFulfilled(all)));
            ps.setObject(3, toDb(firstDelivered(all)));
            ps.setObject(4, toDb(now));
            ps.setLong(5, row.pk());
            ps.executeUpdate();
        }
        return Outcome.APPLIED;
    }

    /** orders/delete: drops the order's data and leaves a tombstone, so a late delivery cannot bring it back. */
    public Outcome delete(Connection c, long shopId, long orderId, Instant now) throws SQLException {
        Locked row = lockOrInsert(c, shopId, orderId, now);
        try (PreparedStatement items = c.prepareStatement("DELETE FROM order_line_items WHERE order_pk = ?");
             PreparedStatement fuls = c.prepareStatement("DELETE FROM fulfillments WHERE order_pk = ?");
             PreparedStatement tomb = c.prepareStatement(TOMBSTONE + "id = ?")) {
            items.setLong(1, row.pk());
            items.executeUpdate();
            fuls.setLong(1, row.pk());
            fuls.executeUpdate();
            tomb.setObject(1, toDb(now));
            tomb.setObject(2, toDb(now));
            tomb.setLong(3, row.pk());
            tomb.executeUpdate();
        }
        return Outcome.APPLIED;
    }

    /**
     * customers/redact: every order of the customer in the shop, and the named ones, become tombstones (their
     * items and fulfillments deleted). Set-based: a constant number of statements.
     */
    public int redactCustomer(Connection c, long shopId, long customerId, Collection<Long> orderIds, Instant now)
            throws SQLException {
        String where = "shop_id = ? AND (customer_id = ?"
                + (orderIds.isEmpty() ? "" : " OR order_id IN (" + "?,".repeat(orderIds.size() - 1) + "?)") + ")";
        for (String child : List.of("order_line_items", "fulfillments")) {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM " + child + " WHERE order_pk IN (SELECT id FROM orders WHERE " + where + ")")) {
                bindRedaction(ps, 0, shopId, customerId, orderIds);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(TOMBSTONE + where)) {
            ps.setObject(1, toDb(now));
            ps.setObject(2, toDb(now));
            bindRedaction(ps, 2, shopId, customerId, orderIds);
            return ps.executeUpdate();
        }
    }

    private static void bindRedaction(PreparedStatement ps, int offset, long shopId, long customerId,
                                      Collection<Long> orderIds) throws SQLException {
        int i = offset;
        ps.setLong(++i, shopId);
        ps.setLong(++i, customerId);
        for (Long id : orderIds) {
            ps.setLong(++i, id);
        }
    }

    private Locked lockOrInsert(Connection c, long shopId, long orderId, Instant now) throws SQLException {
        Locked row = lock(c, shopId, orderId);
        if (row != null) {
            return row;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO orders (shop_id, order_id, synced_at) VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, shopId);
            ps.setLong(2, orderId);
            ps.setObject(3, toDb(now));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new Locked(keys.getLong(1), null, false, null, null, null, Map.of());
            }
        } catch (SQLException e) {
            if (!Database.isDuplicateKey(e)) {
                throw e;
            }
            // Another transaction inserted it first and has committed: lock that row instead.
            Locked again = lock(c, shopId, orderId);
            if (again == null) {
                throw e;
            }
            return again;
        }
    }

    /**
     * Locks the order row (and its fulfillments) and reads both at once: every writer of one order is
     * serialised here.
     */
    private Locked lock(Connection c, long shopId, long orderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT o.id, o.shopify_updated_at, o.deleted_at, o.cancelled_at, o.fulfillment_status, o.line_items_hash,
                  f.fulfillment_id, f.status, f.shipment_status, f.tracking, f.created_at, f.shopify_updated_at, f.delivered_at
                FROM orders o LEFT JOIN fulfillments f ON f.order_pk = o.id
                WHERE o.shop_id = ? AND o.order_id = ? FOR UPDATE""")) {
            ps.setLong(1, shopId);
            ps.setLong(2, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long pk = rs.getLong(1);
                LocalDateTime updatedAt = rs.getObject(2, LocalDateTime.class);
                boolean deleted = rs.getObject(3, LocalDateTime.class) != null;
                LocalDateTime cancelledAt = rs.getObject(4, LocalDateTime.class);
                String fulfillmentStatus = rs.getString(5);
                String itemsHash = rs.getString(6);
                Map<Long, FulfillmentSnapshot> stored = new LinkedHashMap<>();
                do {
                    long id = rs.getLong(7);
                    if (!rs.wasNull()) {
                        stored.put(id, new FulfillmentSnapshot(id, orderId, rs.getString(8), rs.getString(9),
                                readTracking(rs.getString(10)), fromDb(rs.getObject(11, LocalDateTime.class)),
                                fromDb(rs.getObject(12, LocalDateTime.class)), fromDb(rs.getObject(13, LocalDateTime.class))));
                    }
                } while (rs.next());
                return new Locked(pk, updatedAt, deleted, cancelledAt, fulfillmentStatus, itemsHash, stored);
            }
        }
    }

    /** Merges incoming fulfillments into the stored ones (newer wins) and returns the order's whole set. */
    private List<FulfillmentSnapshot> mergeFulfillments(Connection c, Locked row, Collection<FulfillmentSnapshot> incoming,
                                                        Instant now) throws SQLException {
        long orderPk = row.pk();
        Map<Long, FulfillmentSnapshot> stored = row.fulfillments();
        List<FulfillmentSnapshot> inserts = new ArrayList<>();
        List<FulfillmentSnapshot> updates = new ArrayList<>();
        Map<Long, FulfillmentSnapshot> merged = new LinkedHashMap<>(stored);
        for (FulfillmentSnapshot f : incoming) {
            FulfillmentSnapshot old = stored.get(f.fulfillmentId());
            if (old != null && isOlder(f.updatedAt(), toDb(old.updatedAt()))) {
                continue;
            }
            Instant seenDelivered = f.delivered() ? earliest(f.deliveredAt(), f.updatedAt() != null ? f.updatedAt() : now) : null;
            Instant deliveredAt = earliest(old == null ? null : old.deliveredAt(), seenDelivered);
            FulfillmentSnapshot next = f.withDeliveredAt(deliveredAt);
            if (old == null) {
                inserts.add(next);
            } else if (!sameState(old, next)) {
                updates.add(next);
            }
            merged.put(f.fulfillmentId(), next);
        }
        if (!inserts.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO fulfillments (status, shipment_status, tracking, created_at, shopify_updated_at,
                      delivered_at, order_pk, fulfillment_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (FulfillmentSnapshot f : inserts) {
                    bindFulfillment(ps, orderPk, f);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!updates.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE fulfillments SET status = ?, shipment_status = ?, tracking = ?, created_at = ?,
                      shopify_updated_at = ?, delivered_at = ? WHERE order_pk = ? AND fulfillment_id = ?""")) {
                for (FulfillmentSnapshot f : updates) {
                    bindFulfillment(ps, orderPk, f);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        return List.copyOf(merged.values());
    }

    private void bindFulfillment(PreparedStatement ps, long orderPk, FulfillmentSnapshot f) throws SQLException {
        ps.setString(1, truncate(f.status(), 32));
        ps.setString(2, truncate(f.shipmentStatus(), 32));
        ps.setString(3, writeTracking(f.tracking()));
        ps.setObject(4, toDb(f.createdAt()));
        ps.setObject(5, toDb(f.updatedAt()));
        ps.setObject(6, toDb(f.deliveredAt()));
        ps.setLong(7, orderPk);
        ps.setLong(8, f.fulfillmentId());
    }

    /** Upserts the payload's line items (keeping images an import found) and removes the ones it no longer has. */
    private static void writeLineItems(Connection c, long orderPk, List<OrderSnapshot.LineItem> items) throws SQLException {
        StringBuilder delete = new StringBuilder("DELETE FROM order_line_items WHERE order_pk = ?");
        if (!items.isEmpty()) {
            delete.append(" AND line_item_id NOT IN (").append("?,".repeat(items.size() - 1)).append("?)");
        }
        try (PreparedStatement ps = c.prepareStatement(delete.toString())) {
            ps.setLong(1, orderPk);
            for (int i = 0; i < items.size(); i++) {
                ps.setLong(i + 2, items.get(i).lineItemId());
            }
            ps.executeUpdate();
        }
        if (items.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO order_line_items (order_pk, line_item_id, position, title, variant_title, quantity, price,
                  variant_id, product_id, image_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE position = VALUES(position), title = VALUES(title),
                  variant_title = VALUES(variant_title), quantity = VALUES(quantity), price = VALUES(price),
                  variant_id = VALUES(variant_id), product_id = VALUES(product_id),
                  image_url = COALESCE(VALUES(image_url), image_url)""")) {
            int position = 0;
            for (OrderSnapshot.LineItem item : items) {
                ps.setLong(1, orderPk);
                ps.setLong(2, item.lineItemId());
                ps.setInt(3, position++);
                ps.setString(4, truncate(item.title(), 512));
                ps.setString(5, truncate(item.variantTitle(), 512));
                ps.setInt(6, item.quantity());
                ps.setString(7, truncate(item.price(), 32));
                setLong(ps, 8, item.variantId());
                setLong(ps, 9, item.productId());
                ps.setString(10, truncate(item.imageUrl(), 2048));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static Instant firstFulfilled(Collection<FulfillmentSnapshot> fulfillments) {
        Instant first = null;
        for (FulfillmentSnapshot f : fulfillments) {
            if (f.successful()) {
                first = earliest(first, f.createdAt() != null ? f.createdAt() : f.updatedAt());
            }
        }
        return first;
    }

    static Instant firstDelivered(Collection<FulfillmentSnapshot> fulfillments) {
        Instant first = null;
        for (FulfillmentSnapshot f : fulfillments) {
            if (f.successful() && f.deliveredAt() != null) {
                first = earliest(first, f.deliveredAt());
            }
        }
        return first;
    }

    private static boolean sameState(FulfillmentSnapshot a, FulfillmentSnapshot b) {
        return Objects.equals(a.status(), b.status()) && Objects.equals(a.shipmentStatus(), b.shipmentStatus())
                && a.tracking().equals(b.tracking()) && Objects.equals(a.createdAt(), b.createdAt())
                && Objects.equals(a.updatedAt(), b.updatedAt()) && Objects.equals(a.deliveredAt(), b.deliveredAt());
    }

    /** True when the incoming time is known, the stored one too, and the incoming one is earlier. */
    private static boolean isOlder(Instant incoming, LocalDateTime stored) {
        return incoming != null && stored != null && toDb(incoming).isBefore(stored);
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
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

    List<FulfillmentSnapshot.Tracking> readTracking(String value) {
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        try {
            return json.readValue(value, TRACKING_LIST);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
