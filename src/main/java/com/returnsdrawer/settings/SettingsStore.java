package com.returnsdrawer.settings;

import com.returnsdrawer.crypto.TokenCipher;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Owns {@code settings}: a shop's settings (defaults when never saved), read and saved straight through to the
 * database every time, so a save applies to the very next storefront request on every instance.
 */
@Singleton
public class SettingsStore {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);

    private final SettingsRepository repository;
    private final TokenCipher cipher;
    private final Clock clock = Clock.systemUTC();

    SettingsStore(SettingsRepository repository, TokenCipher cipher) {
        this.repository = repository;
        this.cipher = cipher;
    }

    public ReturnsSettings get(long shopId) {
        return repository.findById(shopId).orElseGet(() -> ReturnsSettings.defaults(shopId));
    }

    /** Saves the merchant's input, keeping the stored provider API key; returns the row as stored. */
    @Transactional
    ReturnsSettings save(long shopId, SettingsInput input) {
        repository.upsert(shopId, input.provider(), input.portalUrl(), input.enabled(), input.returnTrigger(),
                input.returnWindowDays(), input.supportEmail(), input.supportUrl(),
                LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.MICROS));
        return repository.findById(shopId).orElseThrow();
    }

    /**
     * Seals the stored provider API key of {@code settings} with the current key when an older key sealed it
     * (a key rotation, docs/behaviour.md "Tokens"); a compare-and-set, so a concurrent save wins. True when
     * rewritten.
     */
    public boolean resealProviderApiKey(ReturnsSettings settings) {
        String stored = settings.providerApiKey();
        if (!cipher.sealedByOlderKey(stored)) {
            return false;
        }
        try {
            String key = cipher.decrypt(stored, context(settings.shopId()));
            return repository.resealProviderApiKey(settings.shopId(), stored, cipher.encrypt(key, context(settings.shopId()))) == 1;
        } catch (TokenCipher.DecryptionException e) {
            LOG.error("provider API key of shop {} cannot be decrypted ({}); was TOKEN_ENCRYPTION_KEY changed without "
                    + "TOKEN_ENCRYPTION_KEY_PREVIOUS?", settings.shopId(), e.getMessage());
            return false;
        }
    }

    /** One batch of the background pass: up to {@code limit} rows after {@code afterShopId} sealed by an older key. */
    List<ReturnsSettings> sealedByOlderKey(long afterShopId, int limit) {
        return repository.findSealedByOlderKey(afterShopId, cipher.currentPrefix() + "%", limit);
    }

    /** Bound to the shop and the column, so a sealed key copied to another shop's row does not open. */
    private static String context(long shopId) {
        return "shop:" + shopId + "/settings.provider_api_key";
    }

    /** Stores {@code settings} for a shop that has never saved any (the local demo shop); leaves saved ones alone. */
    public void saveIfNone(ReturnsSettings settings) {
        if (!repository.existsById(settings.shopId())) {
            repository.save(settings);
        }
    }
}
