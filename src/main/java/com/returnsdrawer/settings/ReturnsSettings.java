package com.returnsdrawer.settings;

import com.returnsdrawer.orders.ReturnPolicy;
import com.returnsdrawer.orders.ReturnTrigger;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
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
        @TypeDef(type = DataType.STRING, converter = ReturnTriggerConverter.class) ReturnTrigger returnTrigger,
        @Nullable Integer returnWindowDays,
        @Nullable String supportEmail,
        @Nullable String supportUrl,
        @Nullable String providerApiKey,
        LocalDateTime updatedAt) {

    /** Never shows the sealed API key, only whether there is one. */
    @Override
    public String toString() {
        return "ReturnsSettings[shopId=" + shopId + ", provider=" + provider + ", portalUrl=" + portalUrl + ", enabled="
                + enabled + ", returnTrigger=" + returnTrigger + ", returnWindowDays=" + returnWindowDays
                + ", apiKeySet=" + (providerApiKey != null) + ", updatedAt=" + updatedAt + "]";
    }

    public ReturnsSettings {
        returnTrigger = returnTrigger == null ? ReturnTrigger.DELIVERED : returnTrigger;
    }

    /** What a shop that never saved settings gets: no provider, returns off, trigger on delivery. */
    public static ReturnsSettings defaults(long shopId) {
        return new ReturnsSettings(shopId, null, null, false, ReturnTrigger.DELIVERED, null, null, null, null, null);
    }

    /** Returns are on only when enabled with both a provider and a portal URL. */
    public ReturnPolicy policy() {
        boolean active = enabled && provider != null && portalUrl != null;
        return new ReturnPolicy(active, returnTrigger, returnWindowDays);
    }
}
