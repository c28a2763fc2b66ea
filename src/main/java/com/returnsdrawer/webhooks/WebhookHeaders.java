package com.returnsdrawer.webhooks;

import com.returnsdrawer.shopify.ShopDomain;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;

/**
 * Shopify's webhook headers, from either family: {@code X-Shopify-Topic} or the newer {@code shopify-topic}
 * (header names are case-insensitive; shopify.dev: apps/build/webhooks/subscribe/https).
 */
record WebhookHeaders(@Nullable String hmac, @Nullable String topic, @Nullable String shopDomain,
                      @Nullable String webhookId, @Nullable String eventId, @Nullable String apiVersion,
                      @Nullable String triggeredAt) {

    private static final int MAX_TOPIC = 64;
    private static final int MAX_WEBHOOK_ID = 128;

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

    /** The topic in lower case, or null when it is missing or too long to be one. */
    @Nullable
    String topicName() {
        return topic == null || topic.length() > MAX_TOPIC ? null : topic.toLowerCase();
    }

    /** When Shopify triggered the delivery; {@code fallback} (which may be null) when the header is missing or unreadable. */
    @Nullable
    Instant triggeredAt(@Nullable Instant fallback) {
        if (triggeredAt == null) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(triggeredAt).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(triggeredAt);
            } catch (DateTimeParseException e2) {
                return fallback;
            }
        }
    }

    /**
     * The delivery id; without a usable one, the content names the delivery, so an exact redelivery is still
     * applied once.
     */
    String deliveryId(String topicName, ShopDomain shop, byte[] body) {
        if (webhookId != null && webhookId.length() <= MAX_WEBHOOK_ID) {
            return webhookId;
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((topicName + "\n" + shop.value() + "\n").getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The topic as a log line may show it: short, printable ASCII only. */
    String printableTopic() {
        if (topic == null) {
            return "-";
        }
        String cleaned = topic.replaceAll("[^A-Za-z0-9/_.-]", "?");
        return cleaned.length() > MAX_TOPIC ? cleaned.substring(0, MAX_TOPIC) : cleaned;
    }
}
