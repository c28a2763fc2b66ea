package com.returnsdrawer.orders;

import com.returnsdrawer.db.MultiRow;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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

    /**
     * The drawer's copy of orders (V11, {@code drawer_orders}): the list's columns, copied from the order rows in the
     * writer's transaction, so the copy can never say what the order row does not. Only a customer's orders that are
     * not deleted are listed. Key changes (customer, creation time) move the row: the upsert matches on order_pk.
     */
    private static final String DRAWER_COPY = """
            INSERT INTO drawer_orders (shop_id, customer_id, listed_at, order_id, order_pk, name, order_number, created_at,
              display_status, financial_status, fulfillment_status, cancelled_at, total_price, currency, item_count,
              image_url, fulfilled_at, delivered_at)
            SELECT shop_id, customer_id, COALESCE(created_at, TIMESTAMP '1000-01-01 00:00:00'), order_id, id, name,
              order_number, created_at, display_status, financial_status, fulfillment_status, cancelled_at, total_price,
              currency, item_count, image_url, fulfilled_at, delivered_at
            FROM orders WHERE customer_id IS NOT NULL AND deleted_at IS NULL AND id""";
    /** Follows the id list; it begins with a line break, as {@code ?)ON} would not parse. */
    private static final String DRAWER_COPY_UPDATE = """

            ON DUPLICATE KEY UPDATE customer_id = VALUES(customer_id), listed_at = VALUES(listed_at),
              name = VALUES(name), order_number = VALUES(order_number), created_at = VALUES(created_at),
              display_status = VALUES(display_status), financial_status = VALUES(financial_status),
              fulfillment_status = VALUES(fulfillment_status), cancelled_at = VALUES(cancelled_at),
              total_price = VALUES(total_price), currency = VALUES(currency), item_count = VALUES(item_count),
              image_url = VALUES(image_url), fulfilled_at = VALUES(fulfilled_at), delivered_at = VALUES(delivered_at)""";

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
        return applyAll(c, shopId, List.of(order), now).get(0);
    }

    /**
     * Applies many order snapshots of one shop with a constant number of statements however many there are
     * (webhooks committed as a group, import pages): one lock statement, one multi-row write per table.
     * Snapshots of the same order are applied one after the other, in list order.
     *
     * @return what was done with each snapshot, in list order
     */
    public List<Outcome> applyAll(Connection c, long shopId, List<OrderSnapshot> orders, Instant now) throws SQLException {
        Outcome[] outcomes = new Outcome[orders.size()];
        List<Integer> pending = new ArrayList<>(orders.size());
        for (int i = 0; i < orders.size(); i++) {
            pending.add(i);
        }
        while (!pending.isEmpty()) {
            // One round per occurrence of an order: the second snapshot of an order sees the first one's writes.
            List<Integer> round = new ArrayList<>(pending.size());
            List<Integer> later = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            for (int i : pending) {
                (seen.add(orders.get(i).orderId()) ? round : later).add(i);
            }
            applyRound(c, shopId, orders, round, outcomes, now);
            pending = later;
        }
        return Arrays.asList(outcomes);
    }

    private void applyRound(Connection c, long shopId, List<OrderSnapshot> orders, List<Integer> round,
                            Outcome[] outcomes, Instant now) throws SQLException {
        List<Long> ids = new ArrayList<>(round.size());
        for (int i : round) {
            ids.add(orders.get(i).orderId());
        }
        Map<Long, Locked> rows = lockOrInsert(c, shopId, ids, now);
        FulfillmentWrites fulfillmentWrites = new FulfillmentWrites();
        Map<Long, List<OrderSnapshot.LineItem>> rewritten = new LinkedHashMap<>();
        List<Object[]> updates = new ArrayList<>(round.size());
        List<Long> listed = new ArrayList<>(round.size());
        List<Long> unlisted = new ArrayList<>();
        for (int i : round) {
            OrderSnapshot order = orders.get(i);
            Locked row = rows.get(order.orderId());
            if (row.deleted()) {
                outcomes[i] = Outcome.DELETED;
                continue;
            }
            if (isOlder(order.updatedAt(), row.updatedAt())) {
                outcomes[i] = Outcome.STALE;
                continue;
            }
            List<FulfillmentSnapshot> fulfillments = mergeFulfillments(row, order.fulfillments(), now, fulfillmentWrites);
            String itemsHash = lineItemsHash(order.lineItems());
            if (!itemsHash.equals(row.lineItemsHash())) {
                rewritten.put(row.pk(), order.lineItems());
            }
            String image = order.lineItems().stream().map(OrderSnapshot.LineItem::imageUrl).filter(Objects::nonNull)
                    .findFirst().orElse(null);
            updates.add(new Object[] {row.pk(), shopId, order.orderId(), order.customerId(), truncate(order.name(), 128),
                    order.orderNumber(), truncate(order.email(), 320), truncate(order.zip(), 64),
                    truncate(order.locale(), 16), truncate(order.financialStatus(), 32),
                    truncate(order.fulfillmentStatus(), 32), truncate(order.totalPrice(), 32),
                    truncate(order.currency(), 8), order.itemCount(), image,
                    DisplayStatus.of(order.cancelledAt() != null, order.fulfillmentStatus(), fulfillments),
                    toDb(firstFulfilled(fulfillments)), toDb(firstDelivered(fulfillments)), toDb(order.cancelledAt()),
                    toDb(order.createdAt()), toDb(order.updatedAt()), toDb(now), itemsHash});
            (order.customerId() != null ? listed : unlisted).add(row.pk());
            outcomes[i] = Outcome.APPLIED;
        }
        fulfillmentWrites.execute(c);
        writeLineItems(c, rewritten);
        if (updates.isEmpty()) {
            return;
        }
        // Every row exists and is locked: the multi-row upsert only ever updates, one statement for all orders.
        try (PreparedStatement ps = c.prepareStatement(MultiRow.values("""
                INSERT INTO orders (id, shop_id, order_id, customer_id, name, order_number, email, zip, locale,
                  financial_status, fulfillment_status, total_price, currency, item_count, image_url, display_status,
                  fulfilled_at, delivered_at, cancelled_at, created_at, shopify_updated_at, synced_at, line_items_hash)
                VALUES""", updates.get(0).length, updates.size(), """
                ON DUPLICATE KEY UPDATE customer_id = VALUES(customer_id), name = VALUES(name),
                  order_number = VALUES(order_number), email = VALUES(email), zip = VALUES(zip), locale = VALUES(locale),
                  financial_status = VALUES(financial_status), fulfillment_status = VALUES(fulfillment_status),
                  total_price = VALUES(total_price), currency = VALUES(currency), item_count = VALUES(item_count),
                  image_url = COALESCE(VALUES(image_url), image_url), display_status = VALUES(display_status),
                  fulfilled_at = VALUES(fulfilled_at), delivered_at = VALUES(delivered_at),
                  cancelled_at = VALUES(cancelled_at), created_at = VALUES(created_at),
                  shopify_updated_at = VALUES(shopify_updated_at), synced_at = VALUES(synced_at),
                  line_items_hash = VALUES(line_items_hash)"""))) {
            int p = 0;
            for (Object[] update : updates) {
                for (Object value : update) {
                    ps.setObject(++p, value);
                }
            }
            ps.executeUpdate();
        }
        copyToDrawer(c, listed);
        removeFromDrawer(c, unlisted);
    }

    /** Copies the orders (row ids) into the drawer's list: one statement however many. */
    private static void copyToDrawer(Connection c, List<Long> orderPks) throws SQLException {
        if (orderPks.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(DRAWER_COPY + paddedIn(orderPks.size()) + DRAWER_COPY_UPDATE)) {
            bindPadded(ps, 0, orderPks);
            ps.executeUpdate();
        }
    }

    /**
     * {@code " = ?"} or {@code " IN (?, …)"} for {@code count} ids padded to a power of two, so that a few statement
     * shapes serve every batch size from the prepared-statement cache; {@link #bindPadded} fills it.
     */
    private static String paddedIn(int count) {
        int slots = slots(count);
        return slots == 1 ? " = ?" : " IN (" + "?, ".repeat(slots - 1) + "?)";
    }

    /** The smallest power of two that holds {@code count} ids. */
    private static int slots(int count) {
        return Integer.highestOneBit(Math.max(1, count * 2 - 1));
    }

    /** Binds the ids of a {@link #paddedIn} list after {@code offset} parameters, repeating the last one. */
    private static void bindPadded(PreparedStatement ps, int offset, List<Long> ids) throws SQLException {
        for (int i = 0, slots = slots(ids.size()); i < slots; i++) {
            ps.setLong(offset + i + 1, ids.get(Math.min(i, ids.size() - 1)));
        }
    }

    /** Takes orders (row ids) off the drawer's list: their customer is gone, or they are deleted. */
    private static void removeFromDrawer(Connection c, List<Long> orderPks) throws SQLException {
        if (orderPks.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM drawer_orders WHERE order_pk IN ("
                + "?, ".repeat(orderPks.size() - 1) + "?)")) {
            for (int i = 0; i < orderPks.size(); i++) {
                ps.setLong(i + 1, orderPks.get(i));
            }
            ps.executeUpdate();
        }
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
        Locked row = lockOrInsert(c, shopId, List.of(fulfillment.orderId()), now).get(fulfillment.orderId());
        if (row.deleted()) {
            return Outcome.DELETED;
        }
        FulfillmentWrites writes = new FulfillmentWrites();
        List<FulfillmentSnapshot> all = mergeFulfillments(row, List.of(fulfillment), now, writes);
        writes.execute(c);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE orders SET display_status = ?, fulfilled_at = ?, delivered_at = ?, synced_at = ? WHERE id = ?")) {
            ps.setString(1, DisplayStatus.of(row.cancelledAt() != null, row.fulfillmentStatus(), all));
            ps.setObject(2, toDb(firstFulfilled(all)));
            ps.setObject(3, toDb(firstDelivered(all)));
            ps.setObject(4, toDb(now));
            ps.setLong(5, row.pk());
            ps.executeUpdate();
        }
        copyToDrawer(c, List.of(row.pk()));
        return Outcome.APPLIED;
    }

    /** orders/delete: drops the order's data and leaves a tombstone, so a late delivery cannot bring it back. */
    public Outcome delete(Connection c, long shopId, long orderId, Instant now) throws SQLException {
        Locked row = lockOrInsert(c, shopId, List.of(orderId), now).get(orderId);
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
        removeFromDrawer(c, List.of(row.pk()));
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
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM drawer_orders WHERE " + where)) {
            bindRedaction(ps, 0, shopId, customerId, orderIds);
            ps.executeUpdate();
        }
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

    /**
     * Locks the orders' rows, inserting placeholders for the ones not stored yet; an order another transaction
     * inserts meanwhile is waited for and locked instead.
     */
    private Map<Long, Locked> lockOrInsert(Connection c, long shopId, List<Long> orderIds, Instant now)
            throws SQLException {
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
     * one order is serialised here. The id list is padded to a power of two (repeating the last id), so a few
     * statement shapes serve every batch size from the prepared-statement cache.
     */
    private Map<Long, Locked> lock(Connection c, long shopId, List<Long> orderIds) throws SQLException {
        String sql = """
                SELECT o.order_id, o.id, o.shopify_updated_at, o.deleted_at, o.cancelled_at, o.fulfillment_status,
                  o.line_items_hash, f.fulfillment_id, f.status, f.shipment_status, f.tracking, f.created_at,
                  f.shopify_updated_at, f.delivered_at
                FROM orders o LEFT JOIN fulfillments f ON f.order_pk = o.id
                WHERE o.shop_id = ? AND o.order_id""" + paddedIn(orderIds.size()) + " FOR UPDATE";
        Map<Long, Locked> rows = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, shopId);
            bindPadded(ps, 1, orderIds);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long orderId = rs.getLong(1);
                    Locked row = rows.get(orderId);
                    if (row == null) {
                        row = new Locked(rs.getLong(2), rs.getObject(3, LocalDateTime.class),
                                rs.getObject(4, LocalDateTime.class) != null, rs.getObject(5, LocalDateTime.class),
                                rs.getString(6), rs.getString(7), new LinkedHashMap<>());
                        rows.put(orderId, row);
                    }
                    long id = rs.getLong(8);
                    if (!rs.wasNull()) {
                        row.fulfillments().put(id, new FulfillmentSnapshot(id, orderId, rs.getString(9), rs.getString(10),
                                readTracking(rs.getString(11)), fromDb(rs.getObject(12, LocalDateTime.class)),
                                fromDb(rs.getObject(13, LocalDateTime.class)), fromDb(rs.getObject(14, LocalDateTime.class))));
                    }
                }
            }
        }
        return rows;
    }

    /** Fulfillment rows to insert and to update, collected over many orders and written in one batch each. */
    private final class FulfillmentWrites {
        private final List<Map.Entry<Long, FulfillmentSnapshot>> inserts = new ArrayList<>();
        private final List<Map.Entry<Long, FulfillmentSnapshot>> updates = new ArrayList<>();

        void execute(Connection c) throws SQLException {
            if (!inserts.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(MultiRow.values("""
                        INSERT INTO fulfillments (status, shipment_status, tracking, created_at, shopify_updated_at,
                          delivered_at, order_pk, fulfillment_id) VALUES""", 8, inserts.size(), ""))) {
                    int offset = 0;
                    for (Map.Entry<Long, FulfillmentSnapshot> row : inserts) {
                        offset = bindFulfillment(ps, offset, row.getKey(), row.getValue());
                    }
                    ps.executeUpdate();
                }
            }
            if (!updates.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE fulfillments SET status = ?, shipment_status = ?, tracking = ?, created_at = ?,
                          shopify_updated_at = ?, delivered_at = ? WHERE order_pk = ? AND fulfillment_id = ?""")) {
                    for (Map.Entry<Long, FulfillmentSnapshot> row : updates) {
                        bindFulfillment(ps, 0, row.getKey(), row.getValue());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
        }
    }

    /**
     * Merges incoming fulfillments into the stored ones (newer wins), adds the rows to write to {@code writes}
     * and returns the order's whole set.
     */
    private static List<FulfillmentSnapshot> mergeFulfillments(Locked row, Collection<FulfillmentSnapshot> incoming,
                                                               Instant now, FulfillmentWrites writes) {
        Map<Long, FulfillmentSnapshot> stored = row.fulfillments();
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
                writes.inserts.add(Map.entry(row.pk(), next));
            } else if (!sameState(old, next)) {
                writes.updates.add(Map.entry(row.pk(), next));
            }
            merged.put(f.fulfillmentId(), next);
        }
        return List.copyOf(merged.values());
    }

    /** Binds one fulfillment row after {@code offset} parameters; returns the new offset. */
    private int bindFulfillment(PreparedStatement ps, int offset, long orderPk, FulfillmentSnapshot f) throws SQLException {
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

    /** Rows per line-item statement, far below the 65,535 placeholders a statement may have. */
    private static final int LINE_ITEM_ROWS = 2_000;

    /**
     * Replaces the orders' line items with the given ones (keeping images an import found): two statements for
     * any number of orders, unless they have more than {@value #LINE_ITEM_ROWS} items between them.
     */
    private static void writeLineItems(Connection c, Map<Long, List<OrderSnapshot.LineItem>> itemsByOrder)
            throws SQLException {
        Map<Long, List<OrderSnapshot.LineItem>> chunk = new LinkedHashMap<>();
        int rows = 0;
        for (Map.Entry<Long, List<OrderSnapshot.LineItem>> order : itemsByOrder.entrySet()) {
            if (!chunk.isEmpty() && rows + order.getValue().size() > LINE_ITEM_ROWS) {
                writeLineItemChunk(c, chunk, rows);
                chunk.clear();
                rows = 0;
            }
            chunk.put(order.getKey(), order.getValue());
            rows += order.getValue().size();
        }
        if (!chunk.isEmpty()) {
            writeLineItemChunk(c, chunk, rows);
        }
    }

    /** Removes the rows the payloads no longer have, then upserts the rest. */
    private static void writeLineItemChunk(Connection c, Map<Long, List<OrderSnapshot.LineItem>> itemsByOrder, int rows)
            throws SQLException {
        StringBuilder delete = new StringBuilder("DELETE FROM order_line_items WHERE order_pk IN (")
                .append("?, ".repeat(itemsByOrder.size() - 1)).append("?)");
        if (rows > 0) {
            delete.append(" AND (order_pk, line_item_id) NOT IN (").append("(?, ?), ".repeat(rows - 1)).append("(?, ?))");
        }
        try (PreparedStatement ps = c.prepareStatement(delete.toString())) {
            int i = 0;
            for (long pk : itemsByOrder.keySet()) {
                ps.setLong(++i, pk);
            }
            for (Map.Entry<Long, List<OrderSnapshot.LineItem>> order : itemsByOrder.entrySet()) {
                for (OrderSnapshot.LineItem item : order.getValue()) {
                    ps.setLong(++i, order.getKey());
                    ps.setLong(++i, item.lineItemId());
                }
            }
            ps.executeUpdate();
        }
        if (rows == 0) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(MultiRow.values("""
                INSERT INTO order_line_items (order_pk, line_item_id, position, title, variant_title, quantity, price,
                  variant_id, product_id, image_url) VALUES""", 10, rows, """
                ON DUPLICATE KEY UPDATE position = VALUES(position), title = VALUES(title),
                  variant_title = VALUES(variant_title), quantity = VALUES(quantity), price = VALUES(price),
                  variant_id = VALUES(variant_id), product_id = VALUES(product_id),
                  image_url = COALESCE(VALUES(image_url), image_url)"""))) {
            int i = 0;
            for (Map.Entry<Long, List<OrderSnapshot.LineItem>> order : itemsByOrder.entrySet()) {
                int position = 0;
                for (OrderSnapshot.LineItem item : order.getValue()) {
                    ps.setLong(++i, order.getKey());
                    ps.setLong(++i, item.lineItemId());
                    ps.setInt(++i, position++);
                    ps.setString(++i, truncate(item.title(), 512));
                    ps.setString(++i, truncate(item.variantTitle(), 512));
                    ps.setInt(++i, item.quantity());
                    ps.setString(++i, truncate(item.price(), 32));
                    setLong(ps, ++i, item.variantId());
                    setLong(ps, ++i, item.productId());
                    ps.setString(++i, truncate(item.imageUrl(), 2048));
                }
            }
            ps.executeUpdate();
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
