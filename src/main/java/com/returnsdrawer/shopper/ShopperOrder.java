package com.returnsdrawer.shopper;

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
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One order as a shopper sees it, on either surface (the drawer, the customer-account order page): the stored
 * order, its eligibility now, and the surface's own "Start a return" link when it is eligible. {@link #view()} is
 * the {@code ORDER} JSON of docs/behaviour.md, App proxy.
 */
public record ShopperOrder(OrderSummary order, @Nullable OrderDetail detail, ReturnEligibility eligibility,
                           @Nullable String provider, @Nullable String returnUrl) {

    /**
     * The order now; {@code returnLink} makes the surface's link to start a return, and is asked only when the
     * order is eligible.
     */
    public static ShopperOrder of(OrderSummary order, @Nullable OrderDetail detail, ReturnsSettings settings, Instant now,
                                  Function<OrderSummary, String> returnLink) {
        ReturnEligibility eligibility = ReturnEligibility.of(order.facts(), settings.policy(), now);
        return new ShopperOrder(order, detail, eligibility, settings.policy().active() ? settings.provider() : null,
                eligibility.eligible() ? returnLink.apply(order) : null);
    }

    public String id() {
        return Long.toString(order.orderId());
    }

    public List<OrderSnapshot.LineItem> lineItems() {
        return detail == null ? List.of() : detail.lineItems();
    }

    public List<FulfillmentSnapshot> fulfillments() {
        return detail == null ? List.of() : detail.fulfillments();
    }

    /** Shopify returns of the order, oldest first. */
    public List<OrderReturn> returns() {
        return detail == null ? List.of() : detail.returns();
    }

    /** {@code /cart/{variant}:{qty},…} for the items whose variant still exists; null when none. */
    @Nullable
    public String buyAgainUrl() {
        String items = lineItems().stream().filter(i -> i.variantId() != null && i.quantity() > 0)
                .map(i -> i.variantId() + ":" + i.quantity()).collect(Collectors.joining(","));
        return items.isEmpty() ? null : "/cart/" + items;
    }

    @Serdeable
    public record View(String id, @Nullable String name, @Nullable Long orderNumber, @Nullable String createdAt, String status,
                @Nullable String financialStatus, @Nullable String fulfillmentStatus, boolean cancelled,
                @Nullable String totalPrice, @Nullable String currency, List<LineItemView> lineItems,
                List<FulfillmentView> fulfillments, @Nullable String buyAgainUrl,
                @com.fasterxml.jackson.annotation.JsonProperty("return") ReturnView returnInfo,
                List<ReturnStateView> returns) {
    }

    @Serdeable
    public record LineItemView(String title, @Nullable String variantTitle, int quantity, @Nullable String price,
                        @Nullable String variantId, @Nullable String productId, @Nullable String imageUrl) {
    }

    @Serdeable
    public record FulfillmentView(String id, @Nullable String status, @Nullable String shipmentStatus,
                           List<FulfillmentSnapshot.Tracking> tracking, @Nullable String createdAt, @Nullable String updatedAt) {
    }

    /** A return that has started: Shopify's return id and its status code. */
    @Serdeable
    public record ReturnStateView(String id, String status) {
    }

    @Serdeable
    public record ReturnView(boolean eligible, @Nullable String reason, @Nullable String provider, @Nullable String url) {
    }

    public View view() {
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
    public static String iso(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
