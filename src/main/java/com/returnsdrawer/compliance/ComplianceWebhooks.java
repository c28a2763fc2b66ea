package com.returnsdrawer.compliance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.returnsdrawer.orders.OrderDetail;
import com.returnsdrawer.orders.OrderReader;
import com.returnsdrawer.orders.OrderReturns;
import com.returnsdrawer.orders.OrderSummary;
import com.returnsdrawer.orders.OrderWriter;
import com.returnsdrawer.returns.ReturnClicks;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.shopify.WebhookDelivery;
import com.returnsdrawer.shopify.WebhookHandler;
import com.returnsdrawer.webhooks.DeliveryLog;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
        return ids == null ? List.of() : ids.stream().filter(Objects::nonNull).toList();
    }

    /** customers/redact: that customer's orders, their returns and the customer's return clicks are deleted. */
    @Singleton
    static class CustomersRedact implements WebhookHandler<CustomerPayload> {
        private final ObjectMapper json;
        private final OrderWriter orders;
        private final OrderReturns returns;
        private final ReturnClicks clicks;
        private final ComplianceStore store;

        CustomersRedact(ObjectMapper json, OrderWriter orders, OrderReturns returns, ReturnClicks clicks,
                        ComplianceStore store) {
            this.json = json;
            this.orders = orders;
            this.returns = returns;
            this.clicks = clicks;
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
            // Before the orders lose their customer: the returns are found through it.
            returns.forgetCustomer(c, delivery.shopId(), customerId, orNone(payload.ordersToRedact()));
            int redacted = orders.forgetCustomer(c, delivery.shopId(), customerId, orNone(payload.ordersToRedact()),
                    delivery.receivedAt());
            clicks.forgetCustomer(delivery.shopId(), customerId);
            store.record(delivery.shop(), ComplianceKind.CUSTOMERS_REDACT, null, customerId, delivery.receivedAt(), null);
            LOG.info("customers/redact for shop {}: {} orders redacted", delivery.shop(), redacted);
        }

        @Override
        public boolean appliesAfterUninstall() {
            return true;
        }
    }

    /** shop/redact: everything about the shop is deleted (tokens, settings, orders, returns, deliveries, clicks). */
    @Singleton
    static class ShopRedact implements WebhookHandler<Boolean> {
        private final ShopStore shops;
        private final OrderReturns returns;
        private final ReturnClicks clicks;
        private final DeliveryLog deliveries;
        private final ComplianceStore store;

        ShopRedact(ShopStore shops, OrderReturns returns, ReturnClicks clicks, DeliveryLog deliveries,
                   ComplianceStore store) {
            this.shops = shops;
            this.returns = returns;
            this.clicks = clicks;
            this.deliveries = deliveries;
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
            // Forgetting the shop also forgets, through its row's foreign keys, its settings and orders (with their
            // items and fulfillments) and its import progress.
            returns.forgetShop(c, delivery.shopId());
            clicks.forgetShop(delivery.shopId());
            shops.forget(delivery.shopId());
            deliveries.forgetShop(c, delivery.shop(), delivery.webhookId());
            store.forgetShop(delivery.shop());
            store.record(delivery.shop(), ComplianceKind.SHOP_REDACT, null, null, delivery.receivedAt(), null);
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
        private final ReturnClicks clicks;
        private final ComplianceStore store;

        DataRequest(ObjectMapper json, OrderReader orders, ReturnClicks clicks, ComplianceStore store) {
            this.json = json;
            this.orders = orders;
            this.clicks = clicks;
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
            List<ExportedClick> exportedClicks = clicks.ofCustomer(delivery.shopId(), customerId).stream()
                    .map(click -> new ExportedClick(Long.toString(click.orderId()), click.provider(), click.clickedAt()))
                    .toList();
            String ref = payload.dataRequest() == null || payload.dataRequest().id() == null ? null
                    : Long.toString(payload.dataRequest().id());
            Export export = new Export(delivery.shop().value(), Long.toString(customerId), ref, delivery.receivedAt(),
                    exported, exportedClicks);
            String body;
            try {
                body = json.writeValueAsString(export);
            } catch (IOException e) {
                throw new IllegalStateException("export could not be written", e);
            }
            store.record(delivery.shop(), ComplianceKind.CUSTOMERS_DATA_REQUEST, ref, customerId, delivery.receivedAt(), body);
            LOG.info("customers/data_request for shop {}: export of {} orders ready", delivery.shop(), exported.size());
        }

        @Override
        public boolean appliesAfterUninstall() {
            return true;
        }
    }
}
