package com.returnsdrawer.settings;

import com.returnsdrawer.crypto.TokenCipher;
import com.returnsdrawer.returns.Provider;
import com.returnsdrawer.returns.ProviderApiKey;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Owns {@code settings}: a shop's settings (defaults when never saved), read and saved straight through to the
 * database every time, so a save applies to the very next storefront request on every instance. The provider API
 * key is sealed with {@link TokenCipher} before it is written and opened only to make a deep link.
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

    /**
     * Saves the merchant's input and applies its API key change; a new provider drops the stored key (a key is
     * the old provider's secret and is never sent to another). Returns the row as stored.
     */
    @Transactional
    ReturnsSettings save(long shopId, SettingsInput input) {
        String previousProvider = repository.findById(shopId).map(ReturnsSettings::provider).orElse(null);
        repository.upsert(shopId, input.provider(), input.portalUrl(), input.enabled(), input.returnTrigger(),
                input.returnWindowDays(), input.supportEmail(), input.supportUrl(),
                LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.MICROS));
        SettingsInput.ApiKeyChange change = input.apiKey();
        if (!change.keeps()) {
            repository.updateProviderApiKey(shopId, change.key() == null ? null : cipher.encrypt(change.key(), context(shopId)));
        } else if (!Objects.equals(previousProvider, input.provider())) {
            repository.updateProviderApiKey(shopId, null);
        }
        return repository.findById(shopId).orElseThrow();
    }

    /**
     * The shop's provider API key in clear, when its provider has a deep-link API and a key is stored; empty when
     * the stored value cannot be opened (logged without the value).
     */
    public Optional<ProviderApiKey> apiKey(ReturnsSettings settings) {
        if (settings.providerApiKey() == null || settings.provider() == null
                || !Provider.byId(settings.provider()).map(Provider::hasLinkApi).orElse(false)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProviderApiKey(cipher.decrypt(settings.providerApiKey(), context(settings.shopId()))));
        } catch (TokenCipher.DecryptionException e) {
            LOG.error("provider API key of shop {} cannot be decrypted ({}); was TOKEN_ENCRYPTION_KEY changed?",
                    settings.shopId(), e.getMessage());
            return Optional.empty();
        }
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
