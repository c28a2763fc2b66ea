package com.returnsdrawer.webhooks;

import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.WebhookHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Verify → read → store, then acknowledge: routes each verified delivery to the {@link WebhookHandler} bean of its
 * topic (knowing none by name) and hands it to the {@link DeliveryWriter}.
 */
@Singleton
class WebhookIngestor {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookIngestor.class);

    /** What the sender is told. */
    enum Result { ACCEPTED, DUPLICATE, UNAUTHORIZED, BAD_REQUEST, OTHER_SHOP }

    private final WebhookVerifier verifier;
    private final DeliveryWriter writer;
    private final Map<String, WebhookHandler<?>> handlers = new HashMap<>();

    WebhookIngestor(WebhookVerifier verifier, DeliveryWriter writer, List<WebhookHandler<?>> handlers) {
        this.verifier = verifier;
        this.writer = writer;
        for (WebhookHandler<?> handler : handlers) {
            for (String topic : handler.topics()) {
                WebhookHandler<?> previous = this.handlers.put(topic, handler);
                if (previous != null) {
                    throw new IllegalStateException("two handlers for " + topic);
                }
            }
        }
    }

    /**
     * Verifies, reads and stores one delivery. The future completes once the delivery is committed (or found to
     * be a duplicate); it fails with {@code Database.DatabaseException} when it could not be stored.
     */
    CompletableFuture<Result> ingest(WebhookHeaders headers, byte[] body) {
        if (!verifier.verify(body, headers.hmac())) {
            LOG.info("webhook rejected: signature does not verify (topic {}). Webhooks created by hand in the store "
                    + "admin are signed with the store's own key, not the app's secret.", headers.printableTopic());
            return CompletableFuture.completedFuture(Result.UNAUTHORIZED);
        }
        Optional<ShopDomain> shop = ShopDomain.parse(headers.shopDomain());
        String topic = headers.topicName();
        if (topic == null || shop.isEmpty()) {
            return CompletableFuture.completedFuture(Result.BAD_REQUEST);
        }
        Instant now = Instant.now();
        WebhookHandler<?> handler = handlers.get(topic);
        Payload payload = handler == null ? new Payload.NoHandler() : read(handler, body);
        if (payload instanceof Payload.Read<?> read && read.namesAnotherShopThan(shop.get())) {
            LOG.info("webhook refused: its body names another shop than its header (topic {})", headers.printableTopic());
            return CompletableFuture.completedFuture(Result.OTHER_SHOP);
        }
        // A missing trigger time stays unknown: it must never read as "now" when deciding a re-install. A read body
        // is not kept: only what its handler read waits for the commit (docs/behaviour.md, "Webhooks").
        return writer.store(new Delivery(headers.deliveryId(topic, shop.get(), body), shop.get(), topic,
                headers.eventId(), headers.apiVersion(), headers.triggeredAt(null), now, payload,
                payload instanceof Payload.Read<?> ? null : body, body.length));
    }

    private static <T> Payload read(WebhookHandler<T> handler, byte[] body) {
        try {
            return new Payload.Read<>(handler, handler.parse(body));
        } catch (Exception e) {
            LOG.info("webhook payload could not be read ({}); kept for inspection", e.getClass().getSimpleName());
            return new Payload.Unreadable();
        }
    }
}
