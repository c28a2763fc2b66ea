package com.returnsdrawer.compliance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.returnsdrawer.orders.OrderDetail;
import com.returnsdrawer.orders.OrderReader;
import com.returnsdrawer.orders.OrderSummary;
import com.returnsdrawer.orders.OrderWriter;
import com.returnsdrawer.shopify.WebhookDelivery;
import com.returnsdrawer.shopify.WebhookHandler;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.returnsdrawer.db.Times.fromDb;

/**
 * The mandatory compliance topics (shopify.dev: apps/build/compliance/privacy-law-compliance). Honoured even
 * after the app was uninstalled; each is idempotent, so a redelivery changes nothing further.
 */
final class ComplianceWebhooks {

    private static final Logger LOG = LoggerFactory.getLogger(ComplianceWebhooks.class);

    private ComplianceWebhooks() {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Customer(@Nullable Long id) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    record DataRequestRef(@Nullable Long id) {
    }

    /** customers/data_request and customers/redact share this shape. */
    @Serdeable(naming = io.micronaut.serde.config.naming.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CustomerPayload(@Nullable Customer customer, @Nullable List<Long> ordersRequested,
                           @Nullable List<Long> ordersToRedact, @Nullable DataRequestRef dataRequest) {
        /** Present: {@link #read} refuses payloads without it. */
        long customerId() {
            return customer.id();
        }
    }

    private static CustomerPayload read(ObjectMapper json, byte[] body) throws IOException {
        CustomerPayload payload = json.readValue(body, CustomerPayload.class);
        if (payload == null || payload.customer() == null || payload.customer().id() == null) {
            throw new IOException("compliance payload without customer id");
        }
        return payload;
    }

    private static List<Long> orNone(List<Long> ids) {
        return ids == null ? List.of() : ids.stream().filter(java.util.Objects::nonNull).toList();
    }

    /** customers/redact: that customer's orders and return clicks are deleted. */
    @Singleton
    static class CustomersRedact implements WebhookHandler<CustomerPayload> {
        private final ObjectMapper json;
        private final OrderWriter orders;
        private final ComplianceStore store;

        CustomersRedact(ObjectMapper json, OrderWriter orders, ComplianceStore store) {
            this.json = json;
            this.orders = orders;
            this.store = store;
        }

        @Override
        public Set<String> topics() {
            return Set.of("customers/redact");
        }

        @Override
        public CustomerPayload parse(byte[] body) throws IOException {
            return read(json, body);
        }

        @Override
        public void apply(Connection c, WebhookDelivery delivery, CustomerPayload payload) throws SQLException {
            long customerId = payload.customerId();
            int redacted = orders.forgetCustomer(c, delivery.shopId(), customerId, orNone(payload.ordersToRedact()),
                    delivery.receivedAt());
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM return_clicks WHERE shop_id = ? AND customer_id = ?")) {
                ps.setLong(1, delivery.shopId());
                ps.setLong(2, customerId);
                ps.executeUpdate();
            }
            store.insert(c, delivery.shop(), "customers_redact", null, customerId, delivery.receivedAt(), null);
            LOG.info("customers/redact for shop {}: {} orders redacted", delivery.shop(), redacted);
        }

        @Override
        public boolean appliesAfterUninstall() {
            return true;
        }
    }

    /** shop/redact: everything about the shop is deleted (tokens, settings, orders, deliveries, clicks). */
    @Singleton
    static class ShopRedact implements WebhookHandler<Boolean> {
        private final ComplianceStore store;

        ShopRedact(ComplianceStore store) {
            this.store = store;
        }

        @Override
        public Set<String> topics() {
            return Set.of("shop/redact");
        }

        @Override
        public Boolean parse(byte[] body) {
            return Boolean.TRUE;
        }

        @Override
        public void apply(Connection c, WebhookDelivery delivery, Boolean ignored) throws SQLException {
            // The shop row's foreign keys cascade to settings, orders (and their items and fulfillments),
            // return clicks and import progress.
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM shops WHERE id = ?")) {
                ps.setLong(1, delivery.shopId());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM webhook_deliveries WHERE shop_domain = ? AND webhook_id <> ?")) {
                ps.setString(1, delivery.shop().value());
                ps.setString(2, delivery.webhookId());
                ps.executeUpdate();
            }
            store.deleteAll(c, delivery.shop());
            store.insert(c, delivery.shop(), "shop_redact", null, null, delivery.receivedAt(), null);
            LOG.info("shop/redact for shop {}: all data deleted", delivery.shop());
        }

        @Override
        public boolean appliesAfterUninstall() {
            return true;
        }
    }

    /** customers/data_request: records the request with an export of everything held about the customer. */
    @Singleton
    static class DataRequest implements WebhookHandler<CustomerPayload> {
        private final ObjectMapper json;
        private final OrderReader orders;
        private final ComplianceStore store;

        DataRequest(ObjectMapper json, OrderReader orders, ComplianceStore store) {
            this.json = json;
            this.orders = orders;
            this.store = store;
        }

        @Serdeable
        record Export(String shop, String customerId, @Nullable String dataRequestId, Instant generatedAt,
                      List<ExportedOrder> orders, List<ExportedClick> returnClicks) {
        }

        @Serdeable
        record ExportedOrder(String id, @Nullable String name, @Nullable Instant createdAt, @Nullable String email,
                             @Nullable String zip, @Nullable String financialStatus, @Nullable String totalPrice,
                             @Nullable String currency, String status, OrderDetail detail) {
        }

        @Serdeable
        record ExportedClick(String orderId, String provider, Instant clickedAt) {
        }

        @Override
        public Set<String> topics() {
            return Set.of("customers/data_request");
        }

        @Override
        public CustomerPayload parse(byte[] body) throws IOException {
            return read(json, body);
        }

        @Override
        public void apply(Connection c, WebhookDelivery delivery, CustomerPayload payload) throws SQLException {
            long customerId = payload.customerId();
            List<OrderSummary> held = orders.allOf(c, delivery.shopId(), customerId, orNone(payload.ordersRequested()));
            Map<Long, OrderDetail> details = orders.details(c, held.stream().map(OrderSummary::pk).toList());
            List<ExportedOrder> exported = new ArrayList<>();
            for (OrderSummary o : held) {
                exported.add(new ExportedOrder(Long.toString(o.orderId()), o.name(), o.createdAt(), o.email(), o.zip(),
                        o.financialStatus(), o.totalPrice(), o.currency(), o.displayStatus().code(),
                        details.getOrDefault(o.pk(), OrderDetail.EMPTY)));
            }
            List<ExportedClick> clicks = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT order_id, provider, clicked_at FROM return_clicks WHERE shop_id = ? AND customer_id = ? ORDER BY clicked_at")) {
                ps.setLong(1, delivery.shopId());
                ps.setLong(2, customerId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        clicks.add(new ExportedClick(Long.toString(rs.getLong(1)), rs.getString(2),
                                fromDb(rs.getObject(3, LocalDateTime.class))));
                    }
                }
            }
            String ref = payload.dataRequest() == null || payload.dataRequest().id() == null ? null
                    : Long.toString(payload.dataRequest().id());
            Export export = new Export(delivery.shop().value(), Long.toString(customerId), ref, delivery.receivedAt(),
                    exported, clicks);
            String body;
            try {
                body = json.writeValueAsString(export);
            } catch (IOException e) {
                throw new IllegalStateException("export could not be written", e);
            }
            store.insert(c, delivery.shop(), "customers_data_request", ref, customerId, delivery.receivedAt(), body);
            LOG.info("customers/data_request for shop {}: export of {} orders ready", delivery.shop(), exported.size());
        }

        @Override
        public boolean appliesAfterUninstall() {
            return true;
        }
    }
}
