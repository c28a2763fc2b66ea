package com.returnsdrawer.shop;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shopify.ShopDomain;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.returnsdrawer.db.Times.fromDb;
import static com.returnsdrawer.db.Times.toDb;

/** Shops by domain: lookup, first sight (a webhook or proxy request before the merchant opened the app), uninstall. */
@Singleton
public class ShopStore {

    private static final String COLUMNS =
            "id, domain, installed, scopes, access_token IS NOT NULL, installed_at, uninstalled_at";

    private final Database database;

    ShopStore(Database database) {
        this.database = database;
    }

    public Optional<Shop> find(ShopDomain domain) {
        return database.withConnection(c -> find(c, domain, false));
    }

    public Optional<Shop> find(Connection c, ShopDomain domain, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM shops WHERE domain = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, domain.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** Installed shops that hold a token: the ones background work (imports, reconciliation) can call Shopify for. */
    public List<Shop> installedWithToken() {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM shops WHERE installed = TRUE AND access_token IS NOT NULL ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                List<Shop> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(read(rs));
                }
                return out;
            }
        });
    }

    /**
     * The shop, recorded as installed without a token when seen for the first time (Shopify-managed install:
     * webhooks and storefront requests can come before the merchant first opens the app).
     */
    public Shop findOrCreate(Connection c, ShopDomain domain, Instant now) throws SQLException {
        Optional<Shop> existing = find(c, domain, false);
        if (existing.isPresent()) {
            return existing.get();
        }
        // installed_at stays unknown (NULL): only an install the app saw (OAuth, token exchange) sets it.
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT IGNORE INTO shops (domain, installed, created_at, updated_at) VALUES (?, TRUE, ?, ?)""")) {
            LocalDateTime at = toDb(now);
            ps.setString(1, domain.value());
            ps.setObject(2, at);
            ps.setObject(3, at);
            ps.executeUpdate();
        }
        return find(c, domain, false).orElseThrow();
    }

    public Shop findOrCreate(ShopDomain domain, Instant now) {
        return database.withConnection(c -> findOrCreate(c, domain, now));
    }

    /**
     * app/uninstalled: Shopify has already revoked the tokens; forget them at once so nothing tries to use
     * them. Idempotent: a second delivery keeps the first uninstall time. An uninstall delivered late, after
     * a newer install, changes nothing.
     */
    public void markUninstalled(Connection c, long shopId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE shops SET installed = FALSE, access_token = NULL, access_token_expires_at = NULL,
                  refresh_token = NULL, refresh_token_expires_at = NULL,
                  uninstalled_at = CASE WHEN installed THEN ? ELSE COALESCE(uninstalled_at, ?) END, updated_at = ?
                WHERE id = ? AND (installed_at IS NULL OR installed_at <= ?)""")) {
            LocalDateTime when = toDb(at);
            ps.setObject(1, when);
            ps.setObject(2, when);
            ps.setObject(3, when);
            ps.setLong(4, shopId);
            ps.setObject(5, when);
            ps.executeUpdate();
        }
    }

    /** Marks a known shop installed again (a delivery triggered after the uninstall means a reinstall). */
    public void markInstalled(Connection c, long shopId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE shops SET installed = TRUE, installed_at = ?, updated_at = ? WHERE id = ? AND installed = FALSE")) {
            ps.setObject(1, toDb(at));
            ps.setObject(2, toDb(at));
            ps.setLong(3, shopId);
            ps.executeUpdate();
        }
    }

    public void updateScopes(Connection c, long shopId, String scopes, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE shops SET scopes = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, scopes);
            ps.setObject(2, toDb(at));
            ps.setLong(3, shopId);
            ps.executeUpdate();
        }
    }

    static Shop read(ResultSet rs) throws SQLException {
        return new Shop(rs.getLong(1), new ShopDomain(rs.getString(2)), rs.getBoolean(3), rs.getString(4),
                rs.getBoolean(5), fromDb(rs.getObject(6, LocalDateTime.class)), fromDb(rs.getObject(7, LocalDateTime.class)));
    }
}
