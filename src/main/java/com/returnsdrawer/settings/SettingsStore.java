package com.returnsdrawer.settings;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Owns {@code settings}: a shop's settings (defaults when never saved), read and saved straight through to the
 * database every time, so a save applies to the very next storefront request on every instance.
 */
@Singleton
public class SettingsStore {

    private final SettingsRepository repository;
    private final Clock clock = Clock.systemUTC();

    SettingsStore(SettingsRepository repository) {
        this.repository = repository;
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

    /** Stores {@code settings} for a shop that has never saved any (the local demo shop); leaves saved ones alone. */
    public void saveIfNone(ReturnsSettings settings) {
        if (!repository.existsById(settings.shopId())) {
            repository.save(settings);
        }
    }
}
