package com.returnsdrawer.shop;

import com.returnsdrawer.crypto.TokenCipher;
import com.returnsdrawer.db.Database;
import com.returnsdrawer.metrics.Metrics;
import com.returnsdrawer.shopify.AccessTokens;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.TokenEndpoint;
import com.returnsdrawer.shopify.TokenGrant;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A shop's Admin API tokens, encrypted at rest. Expiring tokens are refreshed when within 5 minutes of expiry
 * and once after a 401; legacy non-expiring tokens are migrated to expiring ones. A refresh of one shop holds
 * that shop's short lease (a column taken and freed in auto-committed statements, so instances sharing the
 * database never refresh twice and no row lock is held while Shopify answers); the new pair is stored by a
 * compare-and-set on the refresh token that was used (docs/behaviour.md, "Tokens";
 * shopify.dev: …/offline-access-tokens#refresh).
 */
@Singleton
public class ShopTokens implements AccessTokens {

    private static final Logger LOG = LoggerFactory.getLogger(ShopTokens.class);
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);
    /** Longer than the token endpoint's own limits (5 s connect + 10 s answer): a live refresh never loses it. */
    static final Duration LEASE = Duration.ofSeconds(45);
    /** After an answer that may have been lost, nobody tries that refresh token again before this. */
    static final Duration UNCERTAIN_HOLD = Duration.ofSeconds(30);
    /** How long a caller waits for another caller's refresh before giving up for now. */
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 100;

    private final Database database;
    private final ShopStore shops;
    private final TokenCipher cipher;
    private final TokenEndpoint endpoint;
    private final Clock clock;

    private final Metrics metrics;

    ShopTokens(Database database, ShopStore shops, TokenCipher cipher, TokenEndpoint endpoint, Metrics metrics) {
        this.metrics = metrics;
        this.database = database;
        this.shops = shops;
        this.cipher = cipher;
        this.endpoint = endpoint;
        this.clock = Clock.systemUTC();
    }

    private record Stored(String access, Instant accessExpiresAt, String refresh, Instant refreshExpiresAt,
                          ShopStore.EncryptedTokens sealed) {
        boolean legacy() {
            return access != null && accessExpiresAt == null && refresh == null;
        }

        boolean fresh(Instant now) {
            return access != null && accessExpiresAt != null && accessExpiresAt.minus(REFRESH_MARGIN).isAfter(now);
        }

        boolean refreshExpired(Instant now) {
            return !legacy() && (refresh == null || (refreshExpiresAt != null && !refreshExpiresAt.isAfter(now)));
        }
    }

    /** Stores a grant (install, token exchange) and records the shop installed; one statement, so atomic. */
    public void store(ShopDomain shop, TokenGrant grant) {
        Instant now = clock.instant();
        database.inTransaction(c -> {
            shops.insertIfAbsent(c, shop, now);
            shops.writeTokens(c, shop, seal(shop, grant, now), grant.scope(), now, true);
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
        return stored.legacy() || stored.fresh(clock.instant()) || !stored.refreshExpired(clock.instant());
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

    /** The stored token is good enough for this caller: fresh, or another than the one Shopify rejected. */
    private static boolean usable(Stored stored, String rejected, Instant now) {
        return rejected == null ? stored.fresh(now) : !stored.access().equals(rejected);
    }

    /**
     * Uses the token another caller stored meanwhile, else takes the shop's lease and refreshes. A caller that
     * finds the lease taken waits for that refresh and uses its result; when it ends without a new token, the
     * caller fails for now instead of asking Shopify again (a 429 or a lost answer is not retried at once).
     */
    private String renew(ShopDomain shop, String rejected) throws NoTokenException {
        Instant giveUp = clock.instant().plus(WAIT);
        boolean waited = false;
        while (true) {
            Instant now = clock.instant();
            Stored stored = read(shop);
            if (stored == null || stored.access() == null) {
                throw new NoTokenException("no token for " + shop);
            }
            if (usable(stored, rejected, now)) {
                return stored.access();
            }
            String owner = UUID.randomUUID().toString();
            if (shops.takeTokenLease(shop, owner, now, now.plus(LEASE))) {
                if (waited) {
                    shops.releaseTokenLease(shop, owner);
                    throw new NoTokenException("the token refresh of " + shop + " did not succeed", true);
                }
                return renewUnderLease(shop, rejected, owner);
            }
            if (!now.isBefore(giveUp) || shops.tokenLeaseOnHold(shop, now)) {
                throw new NoTokenException("the token of " + shop + " is being refreshed elsewhere", true);
            }
            waited = true;
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NoTokenException("interrupted", true);
            }
        }
    }

    /**
     * Holding the lease: re-reads (a refresh may have finished just before), calls Shopify outside any
     * transaction, and stores the answer only if the tokens are still the ones it used.
     */
    private String renewUnderLease(ShopDomain shop, String rejected, String owner) throws NoTokenException {
        boolean release = true;
        try {
            Instant now = clock.instant();
            Stored stored = read(shop);
            if (stored == null || stored.access() == null) {
                throw new NoTokenException("no token for " + shop);
            }
            if (usable(stored, rejected, now)) {
                return stored.access();
            }
            if (stored.refreshExpired(now)) {
                shops.forgetTokens(shop, stored.sealed(), now);
                throw new NoTokenException("refresh token expired for " + shop);
            }
            TokenGrant grant;
            try {
                grant = stored.legacy() ? endpoint.exchangeLegacyToken(shop, stored.access())
                        : endpoint.refresh(shop, stored.refresh());
            } catch (TokenEndpoint.TokenException e) {
                TokenEndpoint.Failure failure = e.failure();
                boolean dead = failure == TokenEndpoint.Failure.INVALID_GRANT
                        || (stored.legacy() && failure == TokenEndpoint.Failure.INVALID_SUBJECT_TOKEN);
                metrics.tokenRefresh(dead ? "rejected" : "failed");
                if (dead) {
                    shops.forgetTokens(shop, stored.sealed(), clock.instant());
                    LOG.warn("Shopify says the token grant of {} is dead ({}); tokens forgotten", shop, e.getMessage());
                    throw new NoTokenException("Shopify refused to renew the token of " + shop);
                }
                if (failure == TokenEndpoint.Failure.UNCERTAIN) {
                    // Shopify may have rotated the pair and the answer was lost: the old refresh token may be spent.
                    // Keep it (it is all we have), and keep the lease a while so nothing retries it at once.
                    release = false;
                    shops.holdTokenLease(shop, owner, clock.instant().plus(UNCERTAIN_HOLD));
                }
                LOG.warn("token refresh for {} failed, tokens kept: {}", shop, e.getMessage());
                throw new NoTokenException("token endpoint failed for " + shop + ": " + e.getMessage(), true);
            }
            metrics.tokenRefresh("refreshed");
            Instant answered = clock.instant();
            if (!shops.replaceTokens(shop, stored.sealed(), seal(shop, grant, answered), grant.scope(), answered)) {
                // Installed again or uninstalled meanwhile: what is stored now is newer than this answer.
                Stored now2 = read(shop);
                if (now2 != null && now2.access() != null && usable(now2, rejected, answered)) {
                    return now2.access();
                }
                throw new NoTokenException("the tokens of " + shop + " changed during the refresh", true);
            }
            release = false;   // the compare-and-set freed the lease
            if (stored.legacy()) {
                LOG.info("migrated {} from a non-expiring to an expiring offline token", shop);
            }
            return grant.accessToken();
        } finally {
            if (release) {
                shops.releaseTokenLease(shop, owner);
            }
        }
    }

    /** The stored tokens in clear; values an older key sealed are sealed again with the current key. */
    private Stored read(ShopDomain shop) {
        Stored stored = shops.tokens(shop).map(sealed -> decrypt(shop, sealed)).orElse(null);
        if (stored != null && stored.access() != null
                && (cipher.sealedByOlderKey(stored.sealed().access()) || cipher.sealedByOlderKey(stored.sealed().refresh()))) {
            reseal(shop, stored);
            Stored again = shops.tokens(shop).map(sealed -> decrypt(shop, sealed)).orElse(null);
            return again == null ? stored : again;
        }
        return stored;
    }

    /**
     * Seals the shop's tokens with the current key, unless a refresh holds the lease or they changed meanwhile
     * (both compare-and-set). Returns whether the row was rewritten.
     */
    boolean reseal(ShopDomain shop) {
        Stored stored = shops.tokens(shop).map(sealed -> decrypt(shop, sealed)).orElse(null);
        return stored != null && stored.access() != null && reseal(shop, stored);
    }

    private boolean reseal(ShopDomain shop, Stored stored) {
        String access = stored.access() == null ? null : cipher.encrypt(stored.access(), context(shop, "access"));
        String refresh = stored.refresh() == null ? null : cipher.encrypt(stored.refresh(), context(shop, "refresh"));
        boolean done = shops.resealTokens(shop, stored.sealed(), access, refresh, clock.instant());
        if (done) {
            LOG.info("re-encrypted the tokens of {} with the current key", shop);
        }
        return done;
    }

    private Stored decrypt(ShopDomain shop, ShopStore.EncryptedTokens stored) {
        try {
            return new Stored(stored.access() == null ? null : cipher.decrypt(stored.access(), context(shop, "access")),
                    stored.accessExpiresAt(),
                    stored.refresh() == null ? null : cipher.decrypt(stored.refresh(), context(shop, "refresh")),
                    stored.refreshExpiresAt(), stored);
        } catch (TokenCipher.DecryptionException e) {
            LOG.error("stored token of {} cannot be decrypted ({}); was TOKEN_ENCRYPTION_KEY changed without "
                    + "TOKEN_ENCRYPTION_KEY_PREVIOUS?", shop, e.getMessage());
            return new Stored(null, null, null, null, stored);
        }
    }

    private ShopStore.EncryptedTokens seal(ShopDomain shop, TokenGrant grant, Instant now) {
        return new ShopStore.EncryptedTokens(
                cipher.encrypt(grant.accessToken(), context(shop, "access")), grant.accessExpiresAt(now),
                grant.refreshToken() == null ? null : cipher.encrypt(grant.refreshToken(), context(shop, "refresh")),
                grant.refreshExpiresAt(now));
    }

    static String context(ShopDomain shop, String column) {
        return shop.value() + "/" + column;
    }
}
