package com.returnsdrawer.webhooks;

import com.returnsdrawer.shopify.ShopDomain;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.http.simple.SimpleHttpHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookHeadersTest {

    private static final ShopDomain SHOP = new ShopDomain("headers.myshopify.com");
    private static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");

    private static WebhookHeaders withTriggeredAt(String value) {
        return new WebhookHeaders("h", "orders/create", SHOP.value(), "id", null, null, value);
    }

    @Test
    void readsTheOlderHeaderFamily() {
        SimpleHttpHeaders headers = new SimpleHttpHeaders(ConversionService.SHARED);
        headers.add("X-Shopify-Hmac-Sha256", "mac");
        headers.add("X-Shopify-Topic", "Orders/Create");
        headers.add("X-Shopify-Shop-Domain", SHOP.value());
        headers.add("X-Shopify-Webhook-Id", "w-1");
        headers.add("X-Shopify-Triggered-At", "2026-11-20T07:00:00Z");
        WebhookHeaders read = WebhookHeaders.from(headers);
        assertEquals("mac", read.hmac());
        assertEquals("orders/create", read.topicName());
        assertEquals(SHOP.value(), read.shopDomain());
        assertEquals("w-1", read.webhookId());
        assertNull(read.eventId());
    }

    @Test
    void readsTheNewerHeaderFamilyWhenTheOlderIsMissing() {
        SimpleHttpHeaders headers = new SimpleHttpHeaders(ConversionService.SHARED);
        headers.add("shopify-topic", "app/uninstalled");
        headers.add("shopify-event-id", "e-1");
        headers.add("shopify-api-version", "2025-10");
        WebhookHeaders read = WebhookHeaders.from(headers);
        assertEquals("app/uninstalled", read.topicName());
        assertEquals("e-1", read.eventId());
        assertEquals("2025-10", read.apiVersion());
        assertNull(read.hmac());
    }

    @Test
    void aTopicTooLongToBeOneIsNone() {
        assertNull(new WebhookHeaders(null, "x".repeat(65), null, null, null, null, null).topicName());
        assertNull(new WebhookHeaders(null, null, null, null, null, null, null).topicName());
    }

    @Test
    void triggeredAtReadsOffsetsAndFallsBackWhenMissingOrUnreadable() {
        assertEquals(Instant.parse("2026-11-20T07:00:00Z"), withTriggeredAt("2026-11-20T09:00:00+02:00").triggeredAt(NOW));
        assertEquals(Instant.parse("2026-11-20T07:00:00.123Z"), withTriggeredAt("2026-11-20T07:00:00.123Z").triggeredAt(NOW));
        assertEquals(NOW, withTriggeredAt(null).triggeredAt(NOW));
        assertEquals(NOW, withTriggeredAt("yesterday").triggeredAt(NOW));
    }

    @Test
    void withoutAUsableWebhookIdTheContentNamesTheDelivery() {
        byte[] body = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
        WebhookHeaders none = new WebhookHeaders(null, "orders/create", null, null, null, null, null);
        WebhookHeaders tooLong = new WebhookHeaders(null, "orders/create", null, "x".repeat(129), null, null, null);
        String id = none.deliveryId("orders/create", SHOP, body);
        assertTrue(id.startsWith("sha256:"), id);
        assertEquals(id, tooLong.deliveryId("orders/create", SHOP, body), "the same content, the same id");
        assertNotEquals(id, none.deliveryId("orders/updated", SHOP, body));
        assertEquals("w-1", new WebhookHeaders(null, null, null, "w-1", null, null, null).deliveryId("orders/create", SHOP, body));
    }
}
