package com.returnsdrawer.settings;

import com.returnsdrawer.db.Row;
import com.returnsdrawer.orders.DrawerShop;
import com.returnsdrawer.orders.ReturnTrigger;

import java.sql.SQLException;
import java.time.LocalDateTime;

/**
 * A storefront request's shop and its settings (defaults when never saved), read in the drawer's one statement
 * through {@link #COLUMNS}.
 */
public record StorefrontShop(long shopId, boolean installed, ReturnsSettings settings) {

    /**
     * The shop and its settings as the drawer's reads join them, read back by label. Hand-written JDBC: part of the
     * one-statement drawer page — see docs/performance.md, "Fewer round trips". The API key is not read: the pages
     * never need it.
     */
    public static final DrawerShop<StorefrontShop> COLUMNS = columns(false);

    /**
     * The same with the sealed provider API key, for the return click alone: the deep link needs it, and reading it
     * in the click's one statement costs no extra round trip.
     */
    public static final DrawerShop<StorefrontShop> WITH_API_KEY = columns(true);

    private static DrawerShop<StorefrontShop> columns(boolean withApiKey) {
        return new DrawerShop<>() {
            @Override
            public String from() {
                return "shops s LEFT JOIN settings t ON t.shop_id = s.id";
            }

            @Override
            public String columns() {
                return """
                        s.id AS shop_id, s.installed AS shop_installed, t.shop_id AS settings_shop_id,
                        t.provider AS settings_provider, t.portal_url AS settings_portal_url, t.enabled AS settings_enabled,
                        t.return_trigger AS settings_return_trigger, t.return_window_days AS settings_return_window_days,
                        t.support_email AS settings_support_email, t.support_url AS settings_support_url,
                        t.updated_at AS settings_updated_at""" + (withApiKey ? ", t.provider_api_key AS settings_provider_api_key" : "");
            }

            @Override
            public StorefrontShop read(Row rs) throws SQLException {
                long id = rs.getLong("shop_id");
                ReturnsSettings settings = rs.getObject("settings_shop_id") == null ? ReturnsSettings.defaults(id)
                        : new ReturnsSettings(id, rs.getString("settings_provider"), rs.getString("settings_portal_url"),
                        rs.getBoolean("settings_enabled"),
                        ReturnTrigger.fromCode(rs.getString("settings_return_trigger")).orElse(ReturnTrigger.DELIVERED),
                        rs.getObject("settings_return_window_days", Integer.class), rs.getString("settings_support_email"),
                        rs.getString("settings_support_url"), withApiKey ? rs.getString("settings_provider_api_key") : null,
                        rs.getObject("settings_updated_at", LocalDateTime.class));
                return new StorefrontShop(id, rs.getBoolean("shop_installed"), settings);
            }
        };
    }
}
