package com.returnsdrawer.settings;

import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Reads a shop's settings (defaults when never saved) and saves new ones, straight to the database every time. */
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

    ReturnsSettings save(long shopId, SettingsInput input) {
        ReturnsSettings previous = get(shopId);
        ReturnsSettings next = new ReturnsSettings(shopId, input.provider(), input.portalUrl(), input.enabled(),
                input.returnTrigger(), input.returnWindowDays(), input.supportEmail(), input.supportUrl(),
                previous.providerApiKey(), LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.MICROS));
        if (repository.existsById(shopId)) {
            return repository.update(next);
        }
        try {
            return repository.save(next);
        } catch (DataAccessException e) {
            // Another request saved this shop's first settings at the same moment: ours is the later write.
            return repository.update(next);
        }
    }
}
