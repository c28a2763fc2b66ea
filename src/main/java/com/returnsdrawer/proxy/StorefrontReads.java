package com.returnsdrawer.proxy;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.orders.OrderReader;
import com.returnsdrawer.orders.OrderSummary;
import com.returnsdrawer.settings.SettingsStore;
import com.returnsdrawer.settings.SettingsStore.StorefrontShop;
import com.returnsdrawer.shopify.ShopDomain;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A storefront request's reads in one round trip: the shop, its settings as they are at this moment (a change in
 * the admin applies to the very next request, on every instance) and the customer's orders, in one statement.
 * Every order read names the shop and the customer, so no row of another shop or customer can appear. The list
 * comes from the drawer's copy of the orders ({@code drawer_orders}, kept by {@code OrderWriter} in the same
 * transaction as every order write); a single order, and everything a return link needs, from {@code orders}.
 */
@Singleton
class StorefrontReads {

    private static final String SHOP_AND_SETTINGS = " FROM shops s LEFT JOIN settings t ON t.shop_id = s.id";
    private static final int BEFORE_ORDER = SettingsStore.STOREFRONT_COLUMN_COUNT;

    /**
     * The list, shop and settings on every row. The orders come from the drawer's list ({@code drawer_orders}, V11),
     * stored by (shop, customer, listed_at, order): one range of adjacent rows of its primary key, read backwards,
     * with no sort and no lookup per order. They are inner-joined: with the shop a constant (unique domain) the
     * range is read in key order; an outer join would make the database sort them in a temporary table. No row:
     * the customer has no order on this page.
     */
    static final String PAGE_SQL = "SELECT " + SettingsStore.STOREFRONT_COLUMNS + ", " + OrderReader.listColumns("o")
            + SHOP_AND_SETTINGS + " JOIN drawer_orders o ON o.shop_id = s.id"
            + " WHERE s.domain = ? AND o.customer_id = ? ORDER BY o.listed_at DESC, o.order_id DESC LIMIT ? OFFSET ?";

    /** One order of the customer, with the shop and its settings; one row whenever the shop is known. */
    static final String ONE_SQL = "SELECT " + SettingsStore.STOREFRONT_COLUMNS + ", " + OrderReader.summaryColumns("o")
            + SHOP_AND_SETTINGS + " LEFT JOIN orders o ON o.shop_id = s.id AND o.customer_id = ? AND o.order_id = ?"
            + " WHERE s.domain = ?";

    private final Database database;
    private final SettingsStore settings;

    StorefrontReads(Database database, SettingsStore settings) {
        this.database = database;
        this.settings = settings;
    }

    /** The shop (empty when the app has never seen it) and, for a customer, that customer's orders. */
    record Page(Optional<StorefrontShop> shop, List<OrderSummary> orders) {
    }

    record One(Optional<StorefrontShop> shop, @Nullable OrderSummary order) {
    }

    /**
     * Up to {@code limit} of the customer's orders from {@code offset}, newest first: one statement when the page
     * has orders; a second, for the shop alone, for a guest or a page without orders.
     */
    Page page(ShopDomain shop, @Nullable Long customerId, int limit, int offset) {
        if (customerId == null) {
            return new Page(settings.forStorefront(shop), List.of());
        }
        Page page = database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(PAGE_SQL)) {
                ps.setString(1, shop.value());
                ps.setLong(2, customerId);
                ps.setInt(3, limit);
                ps.setInt(4, offset);
                try (ResultSet rs = ps.executeQuery()) {
                    StorefrontShop found = null;
                    List<OrderSummary> orders = new ArrayList<>(limit);
                    while (rs.next()) {
                        if (found == null) {
                            found = SettingsStore.storefrontShop(rs);
                        }
                        orders.add(OrderReader.listed(rs, BEFORE_ORDER));
                    }
                    return found == null ? null : new Page(Optional.of(found), orders);
                }
            }
        });
        // No row: an unknown shop, a customer without orders, or a page past the customer's last order.
        return page != null ? page : new Page(settings.forStorefront(shop), List.of());
    }

    /** The order when it belongs to this customer in this shop; null otherwise (and for a guest). */
    One one(ShopDomain shop, @Nullable Long customerId, long orderId) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(ONE_SQL)) {
                bindCustomer(ps, 1, customerId);
                ps.setLong(2, orderId);
                ps.setString(3, shop.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new One(Optional.empty(), null);
                    }
                    StorefrontShop found = SettingsStore.storefrontShop(rs);
                    OrderSummary order = rs.getObject(BEFORE_ORDER + 1) == null ? null : OrderReader.summary(rs, BEFORE_ORDER);
                    return new One(Optional.of(found), order);
                }
            }
        });
    }

    private static void bindCustomer(PreparedStatement ps, int index, @Nullable Long customerId) throws SQLException {
        if (customerId == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, customerId);
        }
    }
}
