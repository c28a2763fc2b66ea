package com.returnsdrawer.orders;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.db.Placeholders;
import com.returnsdrawer.db.Row;
import com.returnsdrawer.shopify.ShopDomain;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.returnsdrawer.db.Placeholders.bindPadded;
import static com.returnsdrawer.db.Placeholders.paddedIn;
import static com.returnsdrawer.db.Times.fromDb;

/**
 * Owns {@code drawer_orders}, the drawer's copy of the listable orders (a customer's, not deleted), kept in the
 * order writer's transaction so the copy never says what the order row does not; and the drawer's reads: a page of a
 * customer's orders, or one order, each with the shop and its settings in one statement. Hand-written JDBC: the
 * drawer page is one index range read in one round trip, which keeps W2 — see docs/performance.md, "The drawer's
 * own table" and "Query plans".
 */
@Singleton
public class DrawerList {

    /**
     * The copy, matched on order_pk, so that key changes (customer, creation time) move the row. The id list
     * follows the {@code WHERE}; the update clause begins with a line break, as {@code ?)ON} would not parse.
     */
    private static final String COPY = """
            INSERT INTO drawer_orders (shop_id, customer_id, listed_at, order_id, order_pk, name, order_number, created_at,
              display_status, financial_status, fulfillment_status, cancelled_at, total_price, currency, item_count,
              image_url, fulfilled_at, delivered_at)
            SELECT shop_id, customer_id, COALESCE(created_at, TIMESTAMP '1000-01-01 00:00:00'), order_id, id, name,
              order_number, created_at, display_status, financial_status, fulfillment_status, cancelled_at, total_price,
              currency, item_count, image_url, fulfilled_at, delivered_at
            FROM orders WHERE customer_id IS NOT NULL AND deleted_at IS NULL AND id""";
    private static final String COPY_UPDATE = """

            ON DUPLICATE KEY UPDATE customer_id = VALUES(customer_id), listed_at = VALUES(listed_at),
              name = VALUES(name), order_number = VALUES(order_number), created_at = VALUES(created_at),
              display_status = VALUES(display_status), financial_status = VALUES(financial_status),
              fulfillment_status = VALUES(fulfillment_status), cancelled_at = VALUES(cancelled_at),
              total_price = VALUES(total_price), currency = VALUES(currency), item_count = VALUES(item_count),
              image_url = VALUES(image_url), fulfilled_at = VALUES(fulfilled_at), delivered_at = VALUES(delivered_at)""";

    /**
     * What the list shows, from {@code drawer_orders o}, under the labels {@link #summary} reads; nothing it does
     * not show (the shopper's email, zip and locale are read only for a return link, from {@code orders}).
     */
    static final String LIST_COLUMNS = """
            o.order_pk AS pk, o.order_id, o.name, o.order_number, o.created_at, o.display_status, o.financial_status,
            o.fulfillment_status, o.cancelled_at, o.total_price, o.currency, o.item_count, o.image_url, o.fulfilled_at,
            o.delivered_at""";

    /** The same from {@code orders o}, with what a return link needs. */
    static final String ORDER_COLUMNS = LIST_COLUMNS.replace("o.order_pk AS pk", "o.id AS pk")
            + ", o.email, o.zip, o.locale";

    /** The positions of {@link #ORDER_COLUMNS} in a statement that selects them alone. */
    static final Row.Labels ORDER_LABELS = Row.Labels.of(ORDER_COLUMNS);

    private final Database database;
    private final DrawerReadCount shoppers;

    DrawerList(Database database, DrawerReadCount shoppers) {
        this.database = database;
        this.shoppers = shoppers;
    }

    /** Copies the orders (row ids) into the list: one statement however many. */
    void copy(Connection c, List<Long> orderPks) throws SQLException {
        if (orderPks.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(COPY + paddedIn(orderPks.size()) + COPY_UPDATE)) {
            bindPadded(ps, 0, orderPks);
            ps.executeUpdate();
        }
    }

    /** Takes orders (row ids) off the list: their customer is gone, or they are deleted. */
    void remove(Connection c, List<Long> orderPks) throws SQLException {
        if (orderPks.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM drawer_orders WHERE order_pk IN (" + Placeholders.list(orderPks.size()) + ")")) {
            Placeholders.bindAll(ps, 0, orderPks);
            ps.executeUpdate();
        }
    }

    /** Takes a customer's orders off the list (redaction): one statement. */
    void forget(Connection c, CustomerOrders scope) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM drawer_orders WHERE " + scope.where())) {
            scope.bind(ps, 0);
            ps.executeUpdate();
        }
    }

    /** A row's order, by the labels of {@link #LIST_COLUMNS} (and with {@code contact}, of {@link #ORDER_COLUMNS}). */
    static OrderSummary summary(Row rs, boolean contact) throws SQLException {
        return new OrderSummary(rs.getLong("pk"), rs.getLong("order_id"), rs.getString("name"),
                rs.getObject("order_number", Long.class), fromDb(rs.getObject("created_at", LocalDateTime.class)),
                DisplayStatus.fromCode(rs.getString("display_status")), rs.getString("financial_status"),
                rs.getString("fulfillment_status"), fromDb(rs.getObject("cancelled_at", LocalDateTime.class)),
                rs.getString("total_price"), rs.getString("currency"), rs.getInt("item_count"), rs.getString("image_url"),
                fromDb(rs.getObject("fulfilled_at", LocalDateTime.class)),
                fromDb(rs.getObject("delivered_at", LocalDateTime.class)),
                contact ? rs.getString("email") : null, contact ? rs.getString("zip") : null,
                contact ? rs.getString("locale") : null);
    }

    /** The drawer's reads with this shop side joined in; build once and keep. */
    public <S> Reads<S> reads(DrawerShop<S> shop) {
        return new Reads<>(database, shoppers, shop);
    }

    /** The shop (empty when the app has never seen it) and a page of the customer's orders. */
    public record Page<S>(Optional<S> shop, List<OrderSummary> orders) {
    }

    /** The shop (empty when the app has never seen it) and the order, when it is this customer's. */
    public record One<S>(Optional<S> shop, @Nullable OrderSummary order) {
    }

    /**
     * A storefront request's reads in one round trip. Every order read names the shop and the customer, so no row
     * of another shop or customer can appear; the shop's settings are read as they are at this moment.
     */
    public static final class Reads<S> {

        private final Database database;
        private final DrawerShop<S> shop;
        private final String pageSql;
        private final String oneSql;
        private final String shopSql;
        private final Row.Labels pageLabels;
        private final Row.Labels oneLabels;
        private final Row.Labels shopLabels;
        private final DrawerReadCount shoppers;

        private Reads(Database database, DrawerReadCount shoppers, DrawerShop<S> shop) {
            this.database = database;
            this.shoppers = shoppers;
            this.shop = shop;
            // The orders by the list's primary key (shop, customer, listed_at, order): one range of adjacent rows,
            // read backwards, with no sort and no lookup per order. Inner-joined: with the shop a constant (unique
            // domain) the range is read in key order; an outer join would make the database sort in a temporary table.
            this.pageSql = "SELECT " + shop.columns() + ", " + LIST_COLUMNS + " FROM " + shop.from()
                    + " JOIN drawer_orders o ON o.shop_id = s.id"
                    + " WHERE s.domain = ? AND o.customer_id = ? ORDER BY o.listed_at DESC, o.order_id DESC LIMIT ? OFFSET ?";
            // One row whenever the shop is known; the order by its unique (shop, order id) key.
            this.oneSql = "SELECT " + shop.columns() + ", " + ORDER_COLUMNS + " FROM " + shop.from()
                    + " LEFT JOIN orders o ON o.shop_id = s.id AND o.customer_id = ? AND o.order_id = ? WHERE s.domain = ?";
            this.shopSql = "SELECT " + shop.columns() + " FROM " + shop.from() + " WHERE s.domain = ?";
            this.pageLabels = Row.Labels.of(shop.columns() + ", " + LIST_COLUMNS);
            this.oneLabels = Row.Labels.of(shop.columns() + ", " + ORDER_COLUMNS);
            this.shopLabels = Row.Labels.of(shop.columns());
        }

        /** The page statement: parameters domain, customer id, limit, offset. */
        public String pageSql() {
            return pageSql;
        }

        /** The single-order statement: parameters customer id, order id, domain. */
        public String oneSql() {
            return oneSql;
        }

        /**
         * Up to {@code limit} of the customer's orders from {@code offset}, newest first: one statement when the
         * page has orders; a second, for the shop alone, for a guest or a page without orders.
         */
        public Page<S> page(ShopDomain domain, @Nullable Long customerId, int limit, int offset) {
            shoppers.read();
            if (customerId == null) {
                return new Page<>(shop(domain), List.of());
            }
            Page<S> page = database.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(pageSql)) {
                    ps.setString(1, domain.value());
                    ps.setLong(2, customerId);
                    ps.setInt(3, limit);
                    ps.setInt(4, offset);
                    try (ResultSet rs = ps.executeQuery()) {
                        Row row = new Row(rs, pageLabels);
                        S found = null;
                        List<OrderSummary> orders = new ArrayList<>(limit);
                        while (rs.next()) {
                            if (found == null) {
                                found = shop.read(row);
                            }
                            orders.add(summary(row, false));
                        }
                        return found == null ? null : new Page<>(Optional.of(found), orders);
                    }
                }
            });
            // No row: an unknown shop, a customer without orders, or a page past the customer's last order.
            return page != null ? page : new Page<>(shop(domain), List.of());
        }

        /** The order when it belongs to this customer in this shop; no order otherwise (and for a guest). */
        public One<S> one(ShopDomain domain, @Nullable Long customerId, long orderId) {
            shoppers.read();
            return database.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(oneSql)) {
                    Placeholders.setLong(ps, 1, customerId);
                    ps.setLong(2, orderId);
                    ps.setString(3, domain.value());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return new One<S>(Optional.empty(), null);
                        }
                        Row row = new Row(rs, oneLabels);
                        S found = shop.read(row);
                        OrderSummary order = row.getObject("pk") == null ? null : summary(row, true);
                        return new One<>(Optional.of(found), order);
                    }
                }
            });
        }

        /** The shop alone; empty for a shop the app has never seen. */
        public Optional<S> shop(ShopDomain domain) {
            return database.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(shopSql)) {
                    ps.setString(1, domain.value());
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(shop.read(new Row(rs, shopLabels))) : Optional.<S>empty();
                    }
                }
            });
        }
    }
}
