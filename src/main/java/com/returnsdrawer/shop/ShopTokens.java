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
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

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
    private final ShopStore shops;
    private final TokenCipher cipher;
    private final TokenEndpoint endpoint;
    private final Clock clock;

    ShopTokens(Database database, ShopStore shops, TokenCipher cipher, TokenEndpoint endpoint) {
        this.database = database;
        this.shops = shops;
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
            shops.insertIfAbsent(c, shop, now);
            write(c, shop, grant, now, true);
            return null;
        });
        LOG.info("stored {} offline token for {}", grant.refreshToken() == null ? "non-expiring" : "expiring", shop);
    }

    /** True when the shop has a token that is not known to be dead (an expired one can still be refreshed). */
    public boolean hasUsableToken(ShopDomain shop) {
        Stored stored = read(shop);
        if (stored == null || stored.access() == null) {
            return false;
        }
        return stored.legacy() || stored.fresh(clock.instant())
                || (stored.refresh() != null && (stored.refreshExpiresAt() == null || stored.refreshExpiresAt().isAfter(clock.instant())));
    }

    @Override
    public String current(ShopDomain shop) throws NoTokenException {
        Stored stored = read(shop);
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

    private Stored read(ShopDomain shop) {
        return shops.tokens(shop).map(stored -> decrypt(shop, stored)).orElse(null);
    }

    private Stored read(Connection c, ShopDomain shop, boolean lock) throws SQLException {
        return shops.tokens(c, shop, lock).map(stored -> decrypt(shop, stored)).orElse(null);
    }

    private Stored decrypt(ShopDomain shop, ShopStore.EncryptedTokens stored) {
        try {
            return new Stored(stored.access() == null ? null : cipher.decrypt(stored.access(), context(shop, "access")),
                    stored.accessExpiresAt(),
                    stored.refresh() == null ? null : cipher.decrypt(stored.refresh(), context(shop, "refresh")),
                    stored.refreshExpiresAt());
        } catch (TokenCipher.DecryptionException e) {
            LOG.error("stored token of {} cannot be decrypted ({}); was TOKEN_ENCRYPTION_KEY changed?", shop, e.getMessage());
            return new Stored(null, null, null, null);
        }
    }

    private void write(Connection c, ShopDomain shop, TokenGrant grant, Instant now, boolean install) throws SQLException {
        ShopStore.EncryptedTokens tokens = new ShopStore.EncryptedTokens(
                cipher.encrypt(grant.accessToken(), context(shop, "access")), grant.accessExpiresAt(now),
                grant.refreshToken() == null ? null : cipher.encrypt(grant.refreshToken(), context(shop, "refresh")),
                grant.refreshExpiresAt(now));
        shops.writeTokens(c, shop, tokens, grant.scope(), now, install);
    }

    /** A token Shopify will not renew is dropped, so the next embedded load exchanges a new one. */
    private void forget(Connection c, ShopDomain shop, Instant now) throws SQLException {
        shops.forgetTokens(c, shop, now);
    }

    static String context(ShopDomain shop, String column) {
        return shop.value() + "/" + column;
    }
}
