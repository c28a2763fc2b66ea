package com.returnsdrawer.support;

import com.returnsdrawer.shopify.ShopDomain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A webhook delivery as Shopify sends it: signed body, topic, shop and delivery headers of either family. */
public final class WebhookDeliveryRequest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String topic;
    private final ShopDomain shop;
    private final byte[] body;
    private String webhookId = UUID.randomUUID().toString();
    private String secret = ShopifySigner.SECRET;
    private String hmac;
    private Instant triggeredAt = Instant.now();
    private boolean newFamily;
    private boolean withTopic = true;
    private boolean withShop = true;

    private WebhookDeliveryRequest(String topic, ShopDomain shop, byte[] body) {
        this.topic = topic;
        this.shop = shop;
        this.body = body;
    }

    public static WebhookDeliveryRequest of(String topic, ShopDomain shop, byte[] body) {
        return new WebhookDeliveryRequest(topic, shop, body);
    }

    public static WebhookDeliveryRequest of(String topic, ShopDomain shop, Object json) {
        return new WebhookDeliveryRequest(topic, shop, Json.bytes(json));
    }

    public WebhookDeliveryRequest id(String id) {
        this.webhookId = id;
        return this;
    }

    public String id() {
        return webhookId;
    }

    public WebhookDeliveryRequest secret(String secret) {
        this.secret = secret;
        return this;
    }

    public WebhookDeliveryRequest hmac(String hmac) {
        this.hmac = hmac;
        return this;
    }

    /** When Shopify triggered it; null leaves the header out. */
    public WebhookDeliveryRequest triggeredAt(Instant at) {
        this.triggeredAt = at;
        return this;
    }

    /** Send the newer {@code shopify-*} header family instead of {@code X-Shopify-*}. */
    public WebhookDeliveryRequest newHeaderFamily() {
        this.newFamily = true;
        return this;
    }

    public WebhookDeliveryRequest withoutTopic() {
        this.withTopic = false;
        return this;
    }

    public WebhookDeliveryRequest withoutShop() {
        this.withShop = false;
        return this;
    }

    public Map<String, String> headers() {
        String prefix = newFamily ? "shopify-" : "X-Shopify-";
        Map<String, String> h = new LinkedHashMap<>();
        if (hmac == null) {
            h.put(prefix + "Hmac-Sha256", ShopifySigner.webhookHmac(secret, body));
        } else if (!hmac.isEmpty()) {
            h.put(prefix + "Hmac-Sha256", hmac);
        }
        if (withTopic) {
            h.put(prefix + "Topic", topic);
        }
        if (withShop) {
            h.put(prefix + "Shop-Domain", shop.value());
        }
        h.put(prefix + "API-Version", "2026-10");
        h.put(prefix + "Webhook-Id", webhookId);
        h.put(prefix + "Event-Id", UUID.randomUUID().toString());
        if (triggeredAt != null) {
            h.put(prefix + "Triggered-At", triggeredAt.toString());
        }
        return h;
    }

    public HttpResponse<String> send(URI base) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/webhooks"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers().forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
