package com.returnsdrawer.shop;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shopify.ShopDomain;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import static com.returnsdrawer.db.Times.fromDb;
import static com.returnsdrawer.db.Times.toDb;

/**
 * The one owner of {@code shops}: lookup, first sight (a webhook or proxy request before the merchant opened the
 * app), install state, scopes, the encrypted token columns (for {@link ShopTokens}) and redaction.
 * Cold paths go through {@link ShopRepository}, which joins the caller's unit of work. Hand-written JDBC on the
 * unit's connection: the lookup-or-insert inside every webhook group's transaction (W1; docs/performance.md, "Group commit"),
 * and the token columns, which {@link ShopRecord} deliberately does not map (read under the row lock by
 * {@link ShopTokens}).
 */
@Singleton
public class ShopStore {

    private static final String COLUMNS =
            "id, domain, installed, scopes, access_token IS NOT NULL, installed_at, uninstalled_at";

    private final Database database;
    private final ShopRepository repository;

    ShopStore(Database database, ShopRepository repository) {
        this.database = database;
        this.repository = repository;
    }

    public Optional<Shop> find(ShopDomain domain) {
        return repository.findSummary(domain.value()).map(s -> new Shop(s.id(), new ShopDomain(s.domain()),
                s.installed(), s.scopes(), s.hasToken(), fromDb(s.installedAt()), fromDb(s.uninstalledAt())));
    }

    /** The domain of a shop by the app's id for it. */
    public Optional<ShopDomain> domainOf(long shopId) {
        return repository.findById(shopId).map(r -> new ShopDomain(r.domain()));
    }

    /** The shops the app is installed in and holds a token for: those it can reach through the Admin API. */
    public List<Long> idsInstalledWithToken() {
        return repository.findIdsInstalledWithToken();
    }

    private static Optional<Shop> find(Connection c, ShopDomain domain) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM shops WHERE domain = ?")) {
            ps.setString(1, domain.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /**
     * The shop, recorded as installed without a token when seen for the first time (Shopify-managed install:
     * webhooks and storefront requests can come before the merchant first opens the app; docs/behaviour.md,
     * "Webhooks").
     */
    public Shop findOrCreate(Connection c, ShopDomain domain, Instant now) throws SQLException {
        Optional<Shop> existing = find(c, domain);
        if (existing.isPresent()) {
            return existing.get();
        }
        // installed_at stays unknown (NULL): only an install the app saw (OAuth, token exchange) sets it.
        insertIfAbsent(c, domain, now);
        return find(c, domain).orElseThrow();
    }

    public Shop findOrCreate(ShopDomain domain, Instant now) {
        return database.withConnection(c -> findOrCreate(c, domain, now));
    }

    /** Records the shop, installed, unless it is known already. */
    void insertIfAbsent(Connection c, ShopDomain domain, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT IGNORE INTO shops (domain, installed, created_at, updated_at) VALUES (?, TRUE, ?, ?)""")) {
            LocalDateTime at = toDb(now);
            ps.setString(1, domain.value());
            ps.setObject(2, at);
            ps.setObject(3, at);
            ps.executeUpdate();
        }
    }

    /**
     * app/uninstalled: Shopify has already revoked the tokens; forget them at once so nothing tries to use
     * them. Idempotent: a second delivery keeps the first uninstall time. An uninstall delivered late, after
     * a newer install, changes nothing. Joins the caller's unit of work.
     */
    public void markUninstalled(long shopId, Instant at) {
        repository.markUninstalled(shopId, toDb(at));
    }

    /** Marks a known shop installed again ({@link Admission#REINSTALL}); joins the caller's unit of work. */
    public void markInstalled(long shopId, Instant at) {
        repository.markInstalled(shopId, toDb(at));
    }

    /** app/scopes_update: the scopes now granted; joins the caller's unit of work. */
    void updateScopes(long shopId, String scopes, Instant at) {
        repository.update(shopId, scopes, toDb(at));
    }

    /**
     * shop/redact: forgets the shop and its tokens; joins the caller's unit of work. The row's foreign keys
     * cascade to everything kept by shop id (settings, orders with their items and fulfillments, return clicks,
     * import progress); the erasure empties the big ones in batches first.
     */
    public void forget(long shopId) {
        repository.deleteById(shopId);
    }

    /**
     * shop/redact: the shop is uninstalled and its tokens forgotten at once, and marked for the background erasure,
     * which ends with {@link #forget}; joins the caller's unit of work.
     */
    public void markRedactRequested(long shopId, Instant at) {
        repository.markRedactRequested(shopId, toDb(at));
    }

    /** The shops marked by shop/redact and not yet forgotten: the erasure still to do (after a restart, say). */
    public List<Long> idsRedactRequested() {
        return repository.findIdsRedactRequested();
    }

    /** A shop's token columns as stored: {@code TokenCipher} ciphertexts, never plain tokens. */
    record EncryptedTokens(@Nullable String access, @Nullable Instant accessExpiresAt, @Nullable String refresh,
                           @Nullable Instant refreshExpiresAt) {
    }

    /** The shop's token columns; empty for an unknown shop. With {@code lock}, the row stays locked until commit. */
    Optional<EncryptedTokens> tokens(Connection c, ShopDomain shop, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT access_token, access_token_expires_at, refresh_token, refresh_token_expires_at
                FROM shops WHERE domain = ?""" + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, shop.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new EncryptedTokens(rs.getString(1), fromDb(rs.getObject(2, LocalDateTime.class)),
                        rs.getString(3), fromDb(rs.getObject(4, LocalDateTime.class))));
            }
        }
    }

    Optional<EncryptedTokens> tokens(ShopDomain shop) {
        return database.withConnection(c -> tokens(c, shop, false));
    }

    /**
     * Stores new tokens (and the scopes granted with them, when known); with {@code install}, also records the
     * shop installed from {@code now}.
     */
    void writeTokens(Connection c, ShopDomain shop, EncryptedTokens tokens, @Nullable String scopes, Instant now,
                     boolean install) throws SQLException {
        String sql = "UPDATE shops SET access_token = ?, access_token_expires_at = ?, refresh_token = ?, "
                + "refresh_token_expires_at = ?, scopes = COALESCE(?, scopes), updated_at = ?"
                + (install ? ", installed = TRUE, installed_at = ?, uninstalled_at = NULL" : "") + " WHERE domain = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 0;
            ps.setString(++i, tokens.access());
            ps.setObject(++i, toDb(tokens.accessExpiresAt()));
            ps.setString(++i, tokens.refresh());
            ps.setObject(++i, toDb(tokens.refreshExpiresAt()));
            ps.setString(++i, scopes);
            ps.setObject(++i, toDb(now));
            if (install) {
                ps.setObject(++i, toDb(now));
            }
            ps.setString(++i, shop.value());
            ps.executeUpdate();
        }
    }

    /** Drops the shop's tokens (Shopify will not renew them). */
    void forgetTokens(Connection c, ShopDomain shop, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE shops SET access_token = NULL, access_token_expires_at = NULL, refresh_token = NULL,
                  refresh_token_expires_at = NULL, updated_at = ? WHERE domain = ?""")) {
            ps.setObject(1, toDb(now));
            ps.setString(2, shop.value());
            ps.executeUpdate();
        }
    }

    private static Shop read(ResultSet rs) throws SQLException {
        return new Shop(rs.getLong(1), new ShopDomain(rs.getString(2)), rs.getBoolean(3), rs.getString(4),
                rs.getBoolean(5), fromDb(rs.getObject(6, LocalDateTime.class)), fromDb(rs.getObject(7, LocalDateTime.class)));
    }
}
