package com.returnsdrawer.webhooks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;

/**
 * Shopify's webhook headers, from either family: {@code X-Shopify-Topic} or the newer {@code shopify-topic}
 * (header names are case-insensitive).
 */
public record WebhookHeaders(@Nullable String hmac, @Nullable String topic, @Nullable String shopDomain,
                             @Nullable String webhookId, @Nullable String eventId, @Nullable String apiVersion,
                             @Nullable String triggeredAt) {

    static WebhookHeaders from(HttpHeaders headers) {
        return new WebhookHeaders(get(headers, "Hmac-Sha256"), get(headers, "Topic"), get(headers, "Shop-Domain"),
                get(headers, "Webhook-Id"), get(headers, "Event-Id"), get(headers, "API-Version"),
                get(headers, "Triggered-At"));
    }

    private static String get(HttpHeaders headers, String name) {
        String value = headers.get("X-Shopify-" + name);
        if (value == null || value.isBlank()) {
            value = headers.get("shopify-" + name);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }
}
