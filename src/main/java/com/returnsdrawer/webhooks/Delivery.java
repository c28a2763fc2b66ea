package com.returnsdrawer.webhooks;

import com.returnsdrawer.shop.Shop;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.WebhookDelivery;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * A verified delivery, read and ready to store: what its record holds and what its handler applies. {@code body}
 * is kept only when no handler read it (it is stored for inspection); {@code size} is the body's length.
 * {@code triggeredAt} is null when the delivery did not say (or garbled) when Shopify triggered it.
 */
record Delivery(String webhookId, ShopDomain shop, String topic, @Nullable String eventId, @Nullable String apiVersion,
                @Nullable Instant triggeredAt, Instant receivedAt, Payload payload, @Nullable byte[] body, int size) {

    /** The delivery as its handler sees it, for the shop it was recorded under; an unknown trigger time reads as its arrival. */
    WebhookDelivery forHandler(Shop recorded) {
        return new WebhookDelivery(recorded.id(), recorded.domain(), topic, webhookId,
                triggeredAt == null ? receivedAt : triggeredAt, receivedAt);
    }

    Delivery(String webhookId, ShopDomain shop, String topic, @Nullable String eventId, @Nullable String apiVersion,
             @Nullable Instant triggeredAt, Instant receivedAt, Payload payload, byte[] body) {
        this(webhookId, shop, topic, eventId, apiVersion, triggeredAt, receivedAt, payload, body, body.length);
    }
}
