package com.returnsdrawer.orders;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.returnsdrawer.shopify.WebhookDelivery;
import com.returnsdrawer.shopify.WebhookHandler;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The order and fulfillment webhook topics, applied through {@link OrderWriter}. */
final class OrderWebhooks {

    private OrderWebhooks() {
    }

    /** Every order-shaped topic carries the whole order; newest {@code updated_at} wins. */
    @Singleton
    static class OrderChanged implements WebhookHandler<OrderSnapshot> {
        private final OrderWriter writer;

        OrderChanged(OrderWriter writer) {
            this.writer = writer;
        }

        @Override
        public Set<String> topics() {
            return Set.of("orders/create", "orders/updated", "orders/fulfilled", "orders/partially_fulfilled",
                    "orders/cancelled");
        }

        @Override
        public OrderSnapshot parse(byte[] body) throws IOException {
            return RestPayloads.order(body);
        }

        @Override
        public void apply(Connection c, WebhookDelivery delivery, OrderSnapshot order) throws SQLException {
            writer.apply(c, delivery.shopId(), order, delivery.receivedAt());
        }

        @Override
        public boolean groupCommit() {
            return true;
        }

        /** One {@link OrderWriter#applyAll} per shop: a constant number of statements for the whole group. */
        @Override
        public void applyAll(Connection c, List<WebhookDelivery> deliveries, List<OrderSnapshot> orders)
                throws SQLException {
            Map<Long, List<OrderSnapshot>> byShop = new LinkedHashMap<>();
            Map<Long, Instant> receivedAt = new HashMap<>();
            for (int i = 0; i < deliveries.size(); i++) {
                WebhookDelivery delivery = deliveries.get(i);
                byShop.computeIfAbsent(delivery.shopId(), id -> new ArrayList<>()).add(orders.get(i));
                receivedAt.merge(delivery.shopId(), delivery.receivedAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
            for (Map.Entry<Long, List<OrderSnapshot>> shop : byShop.entrySet()) {
                writer.applyAll(c, shop.getKey(), shop.getValue(), receivedAt.get(shop.getKey()));
            }
        }
    }

    /** fulfillments/create and fulfillments/update: one fulfillment, newest {@code updated_at} wins. */
    @Singleton
    static class FulfillmentChanged implements WebhookHandler<FulfillmentSnapshot> {
        private final OrderWriter writer;

        FulfillmentChanged(OrderWriter writer) {
            this.writer = writer;
        }

        @Override
        public Set<String> topics() {
            return Set.of("fulfillments/create", "fulfillments/update");
        }

        @Override
        public FulfillmentSnapshot parse(byte[] body) throws IOException {
            return RestPayloads.fulfillment(body);
        }

        @Override
        public void apply(Connection c, WebhookDelivery delivery, FulfillmentSnapshot fulfillment) throws SQLException {
            writer.applyFulfillment(c, delivery.shopId(), fulfillment, delivery.receivedAt());
        }

        @Override
        public boolean groupCommit() {
            return true;
        }
    }

    /** orders/delete carries only the id. */
    @Singleton
    static class OrderDeleted implements WebhookHandler<Long> {
        private final ObjectMapper json;
        private final OrderWriter writer;

        OrderDeleted(ObjectMapper json, OrderWriter writer) {
            this.json = json;
            this.writer = writer;
        }

        @Serdeable
        @JsonIgnoreProperties(ignoreUnknown = true)
        record DeletedOrder(@Nullable Long id) {
        }

        @Override
        public Set<String> topics() {
            return Set.of("orders/delete");
        }

        @Override
        public Long parse(byte[] body) throws IOException {
            DeletedOrder payload = json.readValue(body, DeletedOrder.class);
            if (payload == null || payload.id() == null) {
                throw new IOException("orders/delete without id");
            }
            return payload.id();
        }

        @Override
        public void apply(Connection c, WebhookDelivery delivery, Long orderId) throws SQLException {
            writer.delete(c, delivery.shopId(), orderId, delivery.receivedAt());
        }

        @Override
        public boolean groupCommit() {
            return true;
        }
    }
}
