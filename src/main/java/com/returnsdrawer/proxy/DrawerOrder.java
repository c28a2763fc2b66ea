package com.returnsdrawer.proxy;

import com.returnsdrawer.orders.FulfillmentSnapshot;
import com.returnsdrawer.orders.OrderDetail;
import com.returnsdrawer.orders.OrderReturn;
import com.returnsdrawer.orders.OrderSnapshot;
import com.returnsdrawer.orders.OrderSummary;
import com.returnsdrawer.orders.ReturnEligibility;
import com.returnsdrawer.settings.ReturnsSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One order as the drawer presents it: the stored order, its eligibility now, and the links built from the
 * proxy's path prefix. {@link #view()} is the {@code ORDER} JSON of docs/behaviour.md, App proxy.
 */
record DrawerOrder(OrderSummary order, @Nullable OrderDetail detail, ReturnEligibility eligibility,
                   @Nullable String provider, String pathPrefix) {

    static DrawerOrder of(OrderSummary order, @Nullable OrderDetail detail, ReturnsSettings settings, String pathPrefix,
                          Instant now) {
        ReturnEligibility eligibility = ReturnEligibility.of(order.facts(), settings.policy(), now);
        return new DrawerOrder(order, detail, eligibility, settings.policy().active() ? settings.provider() : null, pathPrefix);
    }

    String id() {
        return Long.toString(order.orderId());
    }

    String detailUrl() {
        return pathPrefix + "/orders/" + id();
    }

    @Nullable
    String returnUrl() {
        return eligibility.eligible() ? pathPrefix + "/orders/" + id() + "/return" : null;
    }

    List<OrderSnapshot.LineItem> lineItems() {
        return detail == null ? List.of() : detail.lineItems();
    }

    List<FulfillmentSnapshot> fulfillments() {
        return detail == null ? List.of() : detail.fulfillments();
    }

    /** Shopify returns of the order, oldest first. */
    List<OrderReturn> returns() {
        return detail == null ? List.of() : detail.returns();
    }

    /** {@code /cart/{variant}:{qty},…} for the items whose variant still exists; null when none. */
    @Nullable
    String buyAgainUrl() {
        String items = lineItems().stream().filter(i -> i.variantId() != null && i.quantity() > 0)
                .map(i -> i.variantId() + ":" + i.quantity()).collect(Collectors.joining(","));
        return items.isEmpty() ? null : "/cart/" + items;
    }

    @Serdeable
    record View(String id, @Nullable String name, @Nullable Long orderNumber, @Nullable String createdAt, String status,
                @Nullable String financialStatus, @Nullable String fulfillmentStatus, boolean cancelled,
                @Nullable String totalPrice, @Nullable String currency, List<LineItemView> lineItems,
                List<FulfillmentView> fulfillments, @Nullable String buyAgainUrl,
                @com.fasterxml.jackson.annotation.JsonProperty("return") ReturnView returnInfo,
                List<ReturnStateView> returns) {
    }

    @Serdeable
    record LineItemView(String title, @Nullable String variantTitle, int quantity, @Nullable String price,
                        @Nullable String variantId, @Nullable String productId, @Nullable String imageUrl) {
    }

    @Serdeable
    record FulfillmentView(String id, @Nullable String status, @Nullable String shipmentStatus,
                           List<FulfillmentSnapshot.Tracking> tracking, @Nullable String createdAt, @Nullable String updatedAt) {
    }

    /** A return that has started: Shopify's return id and its status code. */
    @Serdeable
    record ReturnStateView(String id, String status) {
    }

    @Serdeable
    record ReturnView(boolean eligible, @Nullable String reason, @Nullable String provider, @Nullable String url) {
    }

    View view() {
        return new View(id(), order.name(), order.orderNumber(), iso(order.createdAt()), order.displayStatus().code(),
                order.financialStatus(), order.fulfillmentStatus(), order.cancelledAt() != null, order.totalPrice(),
                order.currency(),
                lineItems().stream().map(i -> new LineItemView(i.title(), i.variantTitle(), i.quantity(), i.price(),
                        str(i.variantId()), str(i.productId()), i.imageUrl())).toList(),
                fulfillments().stream().map(f -> new FulfillmentView(Long.toString(f.fulfillmentId()), f.status(),
                        f.shipmentStatus(), f.tracking(), iso(f.createdAt()), iso(f.updatedAt()))).toList(),
                buyAgainUrl(),
                new ReturnView(eligibility.eligible(),
                        eligibility.reason() == null ? null : eligibility.reason().code(), provider, returnUrl()),
                returns().stream().map(r -> new ReturnStateView(Long.toString(r.returnId()), r.status().code())).toList());
    }

    private static String str(Long value) {
        return value == null ? null : value.toString();
    }

    /** ISO-8601 UTC with a {@code Z}, whole seconds. */
    static String iso(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
