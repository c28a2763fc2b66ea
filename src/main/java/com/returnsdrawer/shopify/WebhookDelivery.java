package com.returnsdrawer.shopify;

import java.time.Instant;

/**
 * One verified webhook delivery as handlers see it: for which shop (the app's id and the domain), which topic,
 * and when Shopify triggered it.
 */
public record WebhookDelivery(long shopId, ShopDomain shop, String topic, String webhookId, Instant triggeredAt,
                              Instant receivedAt) {
}
