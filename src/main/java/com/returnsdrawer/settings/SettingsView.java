package com.returnsdrawer.settings;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.ZoneOffset;

/** The settings as the admin API shows them (docs/behaviour.md, "Admin API"); never the API key. */
@Serdeable
record SettingsView(@Nullable String provider, @Nullable String portalUrl, boolean enabled, String returnTrigger,
                           @Nullable Integer returnWindowDays, @Nullable String supportEmail, @Nullable String supportUrl,
                           boolean apiKeySet, @Nullable String updatedAt) {

    static SettingsView of(ReturnsSettings s) {
        return new SettingsView(s.provider(), s.portalUrl(), s.enabled(), s.returnTrigger().code(), s.returnWindowDays(),
                s.supportEmail(), s.supportUrl(), s.providerApiKey() != null, s.updatedAt() == null ? null
                : s.updatedAt().toInstant(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    }
}
