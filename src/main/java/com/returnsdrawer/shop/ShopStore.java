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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.returnsdrawer.db.Times.fromDb;
import static com.returnsdrawer.db.Times.toDb;

/**
 * The one owner of {@code shops}: lookup, first sight (a webhook or proxy request before the merchant opened the
 * app), install state, scopes, the encrypted token columns (for {@link ShopTokens}) and redaction.
 * Cold paths go through {@link ShopRepository}, which joins the caller's unit of work. Hand-written JDBC on the
 * unit's connection: the lookup-or-insert inside every webhook group's transaction (W1; docs/performance.md, "Group commit"),
 * and the token columns, which {@link ShopRecord} deliberately does not map: each token statement is one
 * auto-committed compare-and-set for {@link ShopTokens}, so no lock is held while Shopify is called.
 */
@Singleton
public class ShopStore {

    private static final String COLUMNS =
            "id, domain, installed, scopes, access_token IS NOT NULL, installed_at, uninstalled_at";

    /** The lease owner that marks a hold after an uncertain refresh. */
    private static final String HOLD = "hold";

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
     * import progress).
     */
    public void forget(long shopId) {
        repository.deleteById(shopId);
    }

    /** A shop's token columns as stored: {@code TokenCipher} ciphertexts, never plain tokens. */
    record EncryptedTokens(@Nullable String access, @Nullable Instant accessExpiresAt, @Nullable String refresh,
                           @Nullable Instant refreshExpiresAt) {
    }

    /** The shop's token columns; empty for an unknown shop. A plain read: no lock is taken (see {@link ShopTokens}). */
    Optional<EncryptedTokens> tokens(ShopDomain shop) {
        return database.withConnection(c -> tokens(c, shop));
    }

    private static Optional<EncryptedTokens> tokens(Connection c, ShopDomain shop) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT access_token, access_token_expires_at, refresh_token, refresh_token_expires_at
                FROM shops WHERE domain = ?""")) {
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

    /**
     * Takes the shop's token-refresh lease until {@code until} unless another caller holds an unexpired one;
     * one auto-committed statement, so no lock outlives it (docs/behaviour.md, "Tokens").
     */
    boolean takeTokenLease(ShopDomain shop, String owner, Instant now, Instant until) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE shops SET token_lease_until = ?, token_lease_owner = ?
                    WHERE domain = ? AND (token_lease_until IS NULL OR token_lease_until <= ?)""")) {
                ps.setObject(1, toDb(until));
                ps.setString(2, owner);
                ps.setString(3, shop.value());
                ps.setObject(4, toDb(now));
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Frees the lease of {@code owner}. */
    void releaseTokenLease(ShopDomain shop, String owner) {
        database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE shops SET token_lease_until = NULL, token_lease_owner = NULL WHERE domain = ? AND token_lease_owner = ?")) {
                ps.setString(1, shop.value());
                ps.setString(2, owner);
                return ps.executeUpdate();
            }
        });
    }

    /** Turns the lease of {@code owner} into a hold until {@code until}: no refresh of the shop before then. */
    void holdTokenLease(ShopDomain shop, String owner, Instant until) {
        database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE shops SET token_lease_until = ?, token_lease_owner = ? WHERE domain = ? AND token_lease_owner = ?")) {
                ps.setObject(1, toDb(until));
                ps.setString(2, HOLD);
                ps.setString(3, shop.value());
                ps.setString(4, owner);
                return ps.executeUpdate();
            }
        });
    }

    /** True while a hold (not a live refresh) keeps the shop's refresh lease: waiting would be in vain. */
    boolean tokenLeaseOnHold(ShopDomain shop, Instant now) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM shops WHERE domain = ? AND token_lease_owner = ? AND token_lease_until > ?")) {
                ps.setString(1, shop.value());
                ps.setString(2, HOLD);
                ps.setObject(3, toDb(now));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * Compare-and-set: stores {@code fresh} only while the columns still hold {@code used} (the refresh token,
     * or the legacy access token, that Shopify was given), and frees the lease. False when anything replaced
     * or dropped them meanwhile (an install, an uninstall).
     */
    boolean replaceTokens(ShopDomain shop, EncryptedTokens used, EncryptedTokens fresh, @Nullable String scopes,
                          Instant now) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE shops SET access_token = ?, access_token_expires_at = ?, "
                    + "refresh_token = ?, refresh_token_expires_at = ?, scopes = COALESCE(?, scopes), updated_at = ?, "
                    + "token_lease_until = NULL, token_lease_owner = NULL WHERE domain = ? AND " + same(used))) {
                int i = 0;
                ps.setString(++i, fresh.access());
                ps.setObject(++i, toDb(fresh.accessExpiresAt()));
                ps.setString(++i, fresh.refresh());
                ps.setObject(++i, toDb(fresh.refreshExpiresAt()));
                ps.setString(++i, scopes);
                ps.setObject(++i, toDb(now));
                ps.setString(++i, shop.value());
                bindSame(ps, i, used);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Compare-and-set: drops the tokens only while they are still {@code used} (Shopify said the grant is dead). */
    boolean forgetTokens(ShopDomain shop, EncryptedTokens used, Instant now) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE shops SET access_token = NULL, access_token_expires_at = NULL, refresh_token = NULL,
                      refresh_token_expires_at = NULL, updated_at = ?, token_lease_until = NULL, token_lease_owner = NULL
                    WHERE domain = ?""" + " AND " + same(used))) {
                ps.setObject(1, toDb(now));
                ps.setString(2, shop.value());
                bindSame(ps, 2, used);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Re-encryption with the current key: the same tokens in new ciphertexts, only while the columns still hold
     * {@code old} and no refresh holds the lease (a refresh compares the ciphertexts it read).
     */
    boolean resealTokens(ShopDomain shop, EncryptedTokens old, @Nullable String access, @Nullable String refresh,
                         Instant now) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE shops SET access_token = ?, refresh_token = ? "
                    + "WHERE domain = ? AND (token_lease_until IS NULL OR token_lease_until <= ?) AND "
                    + (old.access() == null ? "access_token IS NULL" : "access_token = ?") + " AND " + same(old))) {
                int i = 0;
                ps.setString(++i, access);
                ps.setString(++i, refresh);
                ps.setString(++i, shop.value());
                ps.setObject(++i, toDb(now));
                if (old.access() != null) {
                    ps.setString(++i, old.access());
                }
                bindSame(ps, i, old);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Up to {@code limit} shops (after {@code afterId}) whose token columns hold a value not sealed by the
     * current key ({@code sealedPrefix}, e.g. {@code v1.<key id>.}): the background re-encryption pass.
     */
    record Sealed(long id, ShopDomain domain) {
    }

    List<Sealed> withTokensNotSealedBy(String sealedPrefix, long afterId, int limit) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, domain FROM shops WHERE id > ? AND ((access_token IS NOT NULL AND access_token NOT LIKE ?)
                      OR (refresh_token IS NOT NULL AND refresh_token NOT LIKE ?)) ORDER BY id LIMIT ?""")) {
                ps.setLong(1, afterId);
                ps.setString(2, sealedPrefix + "%");
                ps.setString(3, sealedPrefix + "%");
                ps.setInt(4, limit);
                List<Sealed> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Sealed(rs.getLong(1), new ShopDomain(rs.getString(2))));
                    }
                }
                return found;
            }
        });
    }

    /** The condition "the refresh token is still {@code used}" (for a legacy token: the access token, no refresh). */
    private static String same(EncryptedTokens used) {
        return used.refresh() == null ? "refresh_token IS NULL AND access_token = ?" : "refresh_token = ?";
    }

    private static void bindSame(PreparedStatement ps, int after, EncryptedTokens used) throws SQLException {
        ps.setString(after + 1, used.refresh() == null ? used.access() : used.refresh());
    }

    private static Shop read(ResultSet rs) throws SQLException {
        return new Shop(rs.getLong(1), new ShopDomain(rs.getString(2)), rs.getBoolean(3), rs.getString(4),
                rs.getBoolean(5), fromDb(rs.getObject(6, LocalDateTime.class)), fromDb(rs.getObject(7, LocalDateTime.class)));
    }
}
