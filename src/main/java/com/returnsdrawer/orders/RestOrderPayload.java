package com.returnsdrawer.orders;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The REST-shaped Order and Fulfillment payloads of Shopify's order and fulfillment webhooks, read field by
 * field (unknown fields ignored) and turned into snapshots. Ids are 64-bit and are read as {@code long}, never
 * through a double.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RestOrderPayload(
        @Nullable Long id,
        @Nullable String name,
        @Nullable Long orderNumber,
        @Nullable String email,
        @Nullable String contactEmail,
        @Nullable String createdAt,
        @Nullable String updatedAt,
        @Nullable String cancelledAt,
        @Nullable String financialStatus,
        @Nullable String fulfillmentStatus,
        @Nullable String totalPrice,
        @Nullable String currency,
        @Nullable String customerLocale,
        @Nullable Customer customer,
        @Nullable Address shippingAddress,
        @Nullable Address billingAddress,
        @Nullable List<LineItem> lineItems,
        @Nullable List<Fulfillment> fulfillments) {

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Customer(@Nullable Long id, @Nullable String email) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Address(@Nullable String zip) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LineItem(@Nullable Long id, @Nullable String title, @Nullable String name,
                           @Nullable String variantTitle, @Nullable Integer quantity, @Nullable String price,
                           @Nullable Long variantId, @Nullable Long productId) {
    }

    /** Fulfillment resource: inside an order's {@code fulfillments} and as the fulfillments/* payload. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Fulfillment(@Nullable Long id, @Nullable Long orderId, @Nullable String status,
                              @Nullable String shipmentStatus, @Nullable String createdAt,
                              @Nullable String updatedAt, @Nullable String trackingCompany,
                              @Nullable String trackingNumber, @Nullable List<String> trackingNumbers,
                              @Nullable String trackingUrl, @Nullable List<String> trackingUrls) {

        /** @throws IllegalArgumentException when the payload lacks the ids it must have */
        public FulfillmentSnapshot toSnapshot(long fallbackOrderId) {
            if (id == null) {
                throw new IllegalArgumentException("fulfillment without id");
            }
            long order = orderId != null ? orderId : fallbackOrderId;
            if (order == 0) {
                throw new IllegalArgumentException("fulfillment without order_id");
            }
            return new FulfillmentSnapshot(id, order, status, shipmentStatus, tracking(),
                    instant(createdAt), instant(updatedAt), null);
        }

        private List<FulfillmentSnapshot.Tracking> tracking() {
            List<String> numbers = trackingNumbers != null && !trackingNumbers.isEmpty() ? trackingNumbers
                    : trackingNumber != null ? List.of(trackingNumber) : List.of();
            List<String> urls = trackingUrls != null && !trackingUrls.isEmpty() ? trackingUrls
                    : trackingUrl != null ? List.of(trackingUrl) : List.of();
            List<FulfillmentSnapshot.Tracking> out = new ArrayList<>();
            int n = Math.max(numbers.size(), urls.size());
            for (int i = 0; i < n; i++) {
                out.add(new FulfillmentSnapshot.Tracking(trackingCompany,
                        i < numbers.size() ? numbers.get(i) : null, i < urls.size() ? urls.get(i) : null));
            }
            if (out.isEmpty() && trackingCompany != null) {
                out.add(new FulfillmentSnapshot.Tracking(trackingCompany, null, null));
            }
            return out;
        }
    }

    /** @throws IllegalArgumentException when the payload has no order id */
    public OrderSnapshot toSnapshot() {
        if (id == null) {
            throw new IllegalArgumentException("order without id");
        }
        List<OrderSnapshot.LineItem> items = new ArrayList<>();
        if (lineItems != null) {
            for (LineItem item : lineItems) {
                if (item == null || item.id() == null) {
                    continue;
                }
                String title = item.title() != null ? item.title() : item.name() != null ? item.name() : "";
                items.add(new OrderSnapshot.LineItem(item.id(), title, item.variantTitle(),
                        item.quantity() == null ? 1 : item.quantity(), item.price(), item.variantId(),
                        item.productId(), null));
            }
        }
        List<FulfillmentSnapshot> fs = new ArrayList<>();
        if (fulfillments != null) {
            for (Fulfillment f : fulfillments) {
                if (f != null && f.id() != null) {
                    fs.add(f.toSnapshot(id));
                }
            }
        }
        String mail = email != null && !email.isBlank() ? email
                : contactEmail != null && !contactEmail.isBlank() ? contactEmail
                : customer != null ? customer.email() : null;
        String zip = shippingAddress != null && shippingAddress.zip() != null ? shippingAddress.zip()
                : billingAddress != null ? billingAddress.zip() : null;
        return new OrderSnapshot(id, customer == null ? null : customer.id(), name, orderNumber, mail, zip,
                customerLocale, financialStatus, fulfillmentStatus, totalPrice, currency, instant(createdAt),
                instant(updatedAt), instant(cancelledAt), items, fs);
    }

    /** Shopify's ISO-8601 times carry an offset ({@code 2021-12-31T19:00:00-05:00}); a {@code Z} works too. */
    static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 time: " + value.length() + " characters");
        }
    }
}
