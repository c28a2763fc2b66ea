package com.returnsdrawer.settings;

import com.returnsdrawer.orders.ReturnPolicy;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDateTime;

/**
 * A shop's saved returns settings (one row per shop). {@code providerApiKey} is a {@code TokenCipher}
 * ciphertext and never leaves the server.
 */
@MappedEntity("settings")
public record ReturnsSettings(
        @Id Long shopId,
        @Nullable String provider,
        @Nullable String portalUrl,
        boolean enabled,
        String returnTrigger,
        @Nullable Integer returnWindowDays,
        @Nullable String supportEmail,
        @Nullable String supportUrl,
        @Nullable String providerApiKey,
        LocalDateTime updatedAt) {

    public static final String TRIGGER_DELIVERED = "delivered";
    public static final String TRIGGER_FULFILLED = "fulfilled";

    /** What a shop that never saved settings gets: no provider, returns off, trigger on delivery. */
    public static ReturnsSettings defaults(long shopId) {
        return new ReturnsSettings(shopId, null, null, false, TRIGGER_DELIVERED, null, null, null, null, null);
    }

    /** Returns are on only when enabled with both a provider and a portal URL. */
    public ReturnPolicy policy() {
        boolean active = enabled && provider != null && portalUrl != null;
        return new ReturnPolicy(active, returnTrigger == null ? TRIGGER_DELIVERED : returnTrigger, returnWindowDays);
    }
}
