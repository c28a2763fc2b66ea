package com.returnsdrawer.shop;

import com.returnsdrawer.crypto.TokenCipher;
import com.returnsdrawer.db.Database;
import com.returnsdrawer.shopify.AccessTokens;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.TokenEndpoint;
import com.returnsdrawer.shopify.TokenGrant;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;

import static com.returnsdrawer.db.Times.fromDb;
import static com.returnsdrawer.db.Times.toDb;

/**
 * A shop's Admin API tokens, encrypted at rest. Expiring tokens are refreshed when within 5 minutes of expiry
 * and once after a 401; legacy non-expiring tokens are migrated to expiring ones. Every refresh of one shop
 * holds that shop's row lock, so instances sharing the database never refresh twice: a second caller waits,
 * then finds and uses the pair the first one stored (shopify.dev: …/offline-access-tokens#refresh).
 */
@Singleton
public class ShopTokens implements AccessTokens {

    private static final Logger LOG = LoggerFactory.getLogger(ShopTokens.class);
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    private final Database database;
    private final TokenCipher cipher;
    private final TokenEndpoint endpoint;
    private final Clock clock;

    ShopTokens(Database database, TokenCipher cipher, TokenEndpoint endpoint) {
        this.database = database;
        this.cipher = cipher;
        this.endpoint = endpoint;
        this.clock = Clock.systemUTC();
    }

    private record Stored(String access, Instant accessExpiresAt, String refresh, Instant refreshExpiresAt) {
        boolean legacy() {
            return access != null && accessExpiresAt == null && refresh == null;
        }

        boolean fresh(Instant now) {
            return access != null && accessExpiresAt != null && accessExpiresAt.minus(REFRESH_MARGIN).isAfter(now);
        }
    }

    /** Stores a grant (install, token exchange) and records the shop installed; one statement, so atomic. */
    public void store(ShopDomain shop, TokenGrant grant) {
        Instant now = clock.instant();
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT IGNORE INTO shops (domain, installed, created_at, updated_at) VALUES (?, TRUE, ?, ?)")) {
                ps.setString(1, shop.value());
                ps.setObject(2, toDb(now));
                ps.setObject(3, toDb(now));
                ps.executeUpdate();
            }
            write(c, shop, grant, now, true);
            return null;
        });
        LOG.info("stored {} offline token for {}", grant.refreshToken() == null ? "non-expiring" : "expiring", shop);
    }

    /** True when the shop has a token that is not known to be dead (an expired one can still be refreshed). */
    public boolean hasUsableToken(ShopDomain shop) {
        Stored stored = database.withConnection(c -> read(c, shop, false));
        if (stored == null || stored.access() == null) {
            return false;
        }
        return stored.legacy() || stored.fresh(clock.instant())
                || (stored.refresh() != null && (stored.refreshExpiresAt() == null || stored.refreshExpiresAt().isAfter(clock.instant())));
    }

    @Override
    public String current(ShopDomain shop) throws NoTokenException {
        Stored stored = database.withConnection(c -> read(c, shop, false));
        if (stored == null || stored.access() == null) {
            throw new NoTokenException("no token for " + shop);
        }
        if (stored.fresh(clock.instant())) {
            return stored.access();
        }
        return renew(shop, null);
    }

    @Override
    public String afterUnauthorized(ShopDomain shop, String rejected) throws NoTokenException {
        return renew(shop, rejected);
    }

    /**
     * Under the shop's row lock: use the token another caller stored meanwhile, else refresh (or migrate a
     * legacy token) and store the new pair before anyone uses it.
     */
    private String renew(ShopDomain shop, String rejected) throws NoTokenException {
        Renewal renewal = database.inTransaction(c -> {
            Stored stored = read(c, shop, true);
            Instant now = clock.instant();
            if (stored == null || stored.access() == null) {
                return Renewal.failed("no token for " + shop);
            }
            if (rejected == null ? stored.fresh(now) : !stored.access().equals(rejected)) {
                return Renewal.of(stored.access());
            }
            if (!stored.legacy() && (stored.refresh() == null
                    || (stored.refreshExpiresAt() != null && !stored.refreshExpiresAt().isAfter(now)))) {
                forget(c, shop, now);
                return Renewal.failed("refresh token expired for " + shop);
            }
            TokenGrant grant;
            try {
                grant = stored.legacy() ? endpoint.exchangeLegacyToken(shop, stored.access())
                        : endpoint.refresh(shop, stored.refresh());
            } catch (TokenEndpoint.TokenException e) {
                if (e.failure() == TokenEndpoint.Failure.UNAVAILABLE) {
                    return Renewal.failed("token endpoint unavailable for " + shop);
                }
                forget(c, shop, now);
                return Renewal.failed("Shopify refused to renew the token of " + shop);
            }
            write(c, shop, grant, now, false);
            if (stored.legacy()) {
                LOG.info("migrated {} from a non-expiring to an expiring offline token", shop);
            }
            return Renewal.of(grant.accessToken());
        });
        if (renewal.token() == null) {
            throw new NoTokenException(renewal.failure());
        }
        return renewal.token();
    }

    /** The outcome of a renewal, committed either way (a refused token is forgotten for good). */
    private record Renewal(String token, String failure) {
        static Renewal of(String token) {
            return new Renewal(token, null);
        }

        static Renewal failed(String why) {
            return new Renewal(null, why);
        }
    }

    private Stored read(Connection c, ShopDomain shop, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT access_token, access_token_expires_at, refresh_token, refresh_token_expires_at
                FROM shops WHERE domain = ?""" + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, shop.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String access = rs.getString(1);
                String refresh = rs.getString(3);
                try {
                    return new Stored(access == null ? null : cipher.decrypt(access, context(shop, "access")),
                            fromDb(rs.getObject(2, LocalDateTime.class)),
                            refresh == null ? null : cipher.decrypt(refresh, context(shop, "refresh")),
                            fromDb(rs.getObject(4, LocalDateTime.class)));
                } catch (TokenCipher.DecryptionException e) {
                    LOG.error("stored token of {} cannot be decrypted ({}); was TOKEN_ENCRYPTION_KEY changed?", shop, e.getMessage());
                    return new Stored(null, null, null, null);
                }
            }
        }
    }

    private void write(Connection c, ShopDomain shop, TokenGrant grant, Instant now, boolean install) throws SQLException {
        String sql = "UPDATE shops SET access_token = ?, access_token_expires_at = ?, refresh_token = ?, "
                + "refresh_token_expires_at = ?, scopes = COALESCE(?, scopes), updated_at = ?"
                + (install ? ", installed = TRUE, installed_at = ?, uninstalled_at = NULL" : "") + " WHERE domain = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 0;
            ps.setString(++i, cipher.encrypt(grant.accessToken(), context(shop, "access")));
            ps.setObject(++i, toDb(grant.accessExpiresAt(now)));
            ps.setString(++i, grant.refreshToken() == null ? null : cipher.encrypt(grant.refreshToken(), context(shop, "refresh")));
            ps.setObject(++i, toDb(grant.refreshExpiresAt(now)));
            ps.setString(++i, grant.scope());
            ps.setObject(++i, toDb(now));
            if (install) {
                ps.setObject(++i, toDb(now));
            }
            ps.setString(++i, shop.value());
            ps.executeUpdate();
        }
    }

    /** A token Shopify will not renew is dropped, so the next embedded load exchanges a new one. */
    private static void forget(Connection c, ShopDomain shop, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE shops SET access_token = NULL, access_token_expires_at = NULL, refresh_token = NULL,
                  refresh_token_expires_at = NULL, updated_at = ? WHERE domain = ?""")) {
            ps.setObject(1, toDb(now));
            ps.setString(2, shop.value());
            ps.executeUpdate();
        }
    }

    static String context(ShopDomain shop, String column) {
        return shop.value() + "/" + column;
    }
}
