package com.returnsdrawer.orders.sync;

import com.returnsdrawer.orders.FulfillmentSnapshot;
import com.returnsdrawer.orders.OrderReturns;
import com.returnsdrawer.orders.OrderSnapshot;
import com.returnsdrawer.orders.ReturnStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The GraphQL Admin API's order pages (camelCase, as Shopify sends them, named field by field against the app's
 * snake_case default) and their mapping to the snapshots the
 * webhooks produce, so imported and delivered orders are stored by one writer under one rule.
 */
final class GraphqlOrders {

    private GraphqlOrders() {
    }

    /*
     * The fields the app keeps, the same in every query that reads them (the records below): of an order, of a
     * fulfillment and of a line item; each is set on one line where it lands.
     */
    private static final String ORDER_FIELDS = oneLine("""
            legacyResourceId name number email createdAt updatedAt cancelledAt customerLocale
            displayFinancialStatus displayFulfillmentStatus
            totalPriceSet { shopMoney { amount currencyCode } }
            customer { legacyResourceId email }
            shippingAddress { zip }
            billingAddress { zip }""");
    private static final String FULFILLMENT_FIELDS = oneLine("""
            legacyResourceId status displayStatus createdAt updatedAt deliveredAt
            trackingInfo { company number url }""");
    private static final String LINE_ITEM_FIELDS = oneLine("""
            id title variantTitle quantity
            originalUnitPriceSet { shopMoney { amount } }
            variant { legacyResourceId }
            product { legacyResourceId }
            image { url }""");

    private static String oneLine(String fields) {
        return fields.replace('\n', ' ');
    }

    /**
     * Costs about 25 × (1 + 25 + 5 + 5) ≈ 900 points of the 1000 a single query may request; images and
     * {@code deliveredAt} exist only here, not in webhooks. {@code returns} (shopify.dev: admin-graphql Order.returns,
     * needs {@code read_returns}) brings the returns that started before the app was installed.
     */
    static final String QUERY = """
            query ReturnsDrawerOrders($first: Int!, $after: String, $query: String) {
              orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
                pageInfo { hasNextPage endCursor }
                nodes {
                  %s
                  lineItems(first: 25) {
                    pageInfo { hasNextPage endCursor }
                    nodes { %s }
                  }
                  fulfillments(first: 5) { %s }
                  returns(first: 5) { nodes { id status } }
                }
              }
            }""".formatted(ORDER_FIELDS, LINE_ITEM_FIELDS, FULFILLMENT_FIELDS);

    static final int PAGE_SIZE = 25;

    /** The line items of an order past the first page of {@link #QUERY}: an order is always stored whole. */
    static final String LINE_ITEMS = """
            query ReturnsDrawerOrderLineItems($id: ID!, $after: String) {
              order(id: $id) {
                lineItems(first: 250, after: $after) {
                  pageInfo { hasNextPage endCursor }
                  nodes { %s }
                }
              }
            }""".formatted(LINE_ITEM_FIELDS);

    /**
     * The first import's bulk query (shopify.dev: api/usage/bulk-operations/queries): the fields of {@link #QUERY}
     * for every order the search finds, with no limits on the nested connections (line items, returns), which come as
     * lines of their own. Three connections, nested two deep: within Shopify's limits for a bulk query.
     */
    static String bulkQuery(String search) {
        return """
                {
                  orders(query: "%s") {
                    edges {
                      node {
                        id
                        %s
                        fulfillments { %s }
                        lineItems { edges { node { %s } } }
                        returns { edges { node { id status } } }
                      }
                    }
                  }
                }""".formatted(search.replace("\\", "\\\\").replace("\"", "\\\""), ORDER_FIELDS, FULFILLMENT_FIELDS,
                LINE_ITEM_FIELDS);
    }

    /** {@code ordersCount} for the same search as the bulk query, without Shopify's default limit of 10,000. */
    static final String COUNT = """
            query ReturnsDrawerOrdersCount($query: String) {
              ordersCount(query: $query, limit: null) { count precision }
            }""";

    @Serdeable
    record CountData(@JsonProperty("ordersCount") @Nullable Count ordersCount) {
    }

    @Serdeable
    record Count(int count, @Nullable String precision) {
    }

    @Serdeable
    record LineItemsData(@Nullable OrderLineItems order) {
    }

    @Serdeable
    record OrderLineItems(@JsonProperty("lineItems") LineItemPage lineItems) {
    }

    /** A page of an order's line items; {@code pageInfo} is absent where the source holds them all (bulk results). */
    @Serdeable
    record LineItemPage(List<LineItem> nodes, @Nullable @JsonProperty("pageInfo") PageInfo pageInfo) {
        boolean hasMore() {
            return pageInfo != null && pageInfo.hasNextPage() && pageInfo.endCursor() != null;
        }
    }

    @Serdeable
    record Data(Connection orders) {
    }

    @Serdeable
    record Connection(@JsonProperty("pageInfo") PageInfo pageInfo, List<Order> nodes) {
    }

    @Serdeable
    record PageInfo(@JsonProperty("hasNextPage") boolean hasNextPage, @Nullable @JsonProperty("endCursor") String endCursor) {
    }

    @Serdeable
    record Order(@JsonProperty("legacyResourceId") String legacyResourceId, @Nullable String name, @Nullable Long number, @Nullable String email,
                 @Nullable @JsonProperty("createdAt") String createdAt, @Nullable @JsonProperty("updatedAt") String updatedAt, @Nullable @JsonProperty("cancelledAt") String cancelledAt,
                 @Nullable @JsonProperty("customerLocale") String customerLocale, @Nullable @JsonProperty("displayFinancialStatus") String displayFinancialStatus,
                 @Nullable @JsonProperty("displayFulfillmentStatus") String displayFulfillmentStatus, @Nullable @JsonProperty("totalPriceSet") MoneyBag totalPriceSet,
                 @Nullable Customer customer, @Nullable @JsonProperty("shippingAddress") Address shippingAddress, @Nullable @JsonProperty("billingAddress") Address billingAddress,
                 @Nullable @JsonProperty("lineItems") LineItemPage lineItems, @Nullable List<Fulfillment> fulfillments,
                 @Nullable Nodes<Return> returns) {

        /** The order with these line items (all of them, read past the first page). */
        Order withLineItems(List<LineItem> all) {
            return new Order(legacyResourceId, name, number, email, createdAt, updatedAt, cancelledAt, customerLocale,
                    displayFinancialStatus, displayFulfillmentStatus, totalPriceSet, customer, shippingAddress,
                    billingAddress, new LineItemPage(all, null), fulfillments, returns);
        }
    }

    @Serdeable
    record Return(@Nullable String id, @Nullable String status) {
    }

    @Serdeable
    record Nodes<T>(List<T> nodes) {
    }

    @Serdeable
    record MoneyBag(@JsonProperty("shopMoney") Money shopMoney) {
    }

    @Serdeable
    record Money(@Nullable String amount, @Nullable @JsonProperty("currencyCode") String currencyCode) {
    }

    @Serdeable
    record Customer(@Nullable @JsonProperty("legacyResourceId") String legacyResourceId, @Nullable String email) {
    }

    @Serdeable
    record Address(@Nullable String zip) {
    }

    @Serdeable
    record Legacy(@Nullable @JsonProperty("legacyResourceId") String legacyResourceId) {
    }

    @Serdeable
    record Image(@Nullable String url) {
    }

    @Serdeable
    record LineItem(String id, @Nullable String title, @Nullable @JsonProperty("variantTitle") String variantTitle, @Nullable Integer quantity,
                    @Nullable @JsonProperty("originalUnitPriceSet") MoneyBag originalUnitPriceSet, @Nullable Legacy variant, @Nullable Legacy product,
                    @Nullable Image image) {
    }

    @Serdeable
    record Fulfillment(@JsonProperty("legacyResourceId") String legacyResourceId, @Nullable String status, @Nullable @JsonProperty("displayStatus") String displayStatus,
                       @Nullable @JsonProperty("createdAt") String createdAt, @Nullable @JsonProperty("updatedAt") String updatedAt, @Nullable @JsonProperty("deliveredAt") String deliveredAt,
                       @Nullable @JsonProperty("trackingInfo") List<Tracking> trackingInfo) {
    }

    @Serdeable
    record Tracking(@Nullable String company, @Nullable String number, @Nullable String url) {
    }

    /** GraphQL's display statuses that are carrier states, by the REST {@code shipment_status} they match. */
    private static final List<String> CARRIER_STATES =
            List.of("DELIVERED", "OUT_FOR_DELIVERY", "IN_TRANSIT", "ATTEMPTED_DELIVERY", "FAILURE", "CONFIRMED",
                    "LABEL_PRINTED", "LABEL_PURCHASED", "READY_FOR_PICKUP");

    static OrderSnapshot toSnapshot(Order o) {
        long orderId = Long.parseLong(o.legacyResourceId());
        List<OrderSnapshot.LineItem> items = new ArrayList<>();
        if (o.lineItems() != null) {
            for (LineItem item : o.lineItems().nodes()) {
                items.add(new OrderSnapshot.LineItem(gidNumber(item.id()), item.title() == null ? "" : item.title(),
                        item.variantTitle(), item.quantity() == null ? 1 : item.quantity(),
                        item.originalUnitPriceSet() == null ? null : item.originalUnitPriceSet().shopMoney().amount(),
                        legacy(item.variant()), legacy(item.product()), item.image() == null ? null : item.image().url()));
            }
        }
        List<FulfillmentSnapshot> fulfillments = new ArrayList<>();
        if (o.fulfillments() != null) {
            for (Fulfillment f : o.fulfillments()) {
                String display = f.displayStatus() == null ? null : f.displayStatus().toUpperCase(Locale.ROOT);
                String shipment = display != null && CARRIER_STATES.contains(display) ? display.toLowerCase(Locale.ROOT) : null;
                List<FulfillmentSnapshot.Tracking> tracking = f.trackingInfo() == null ? List.of()
                        : f.trackingInfo().stream().map(t -> new FulfillmentSnapshot.Tracking(t.company(), t.number(), t.url())).toList();
                fulfillments.add(new FulfillmentSnapshot(Long.parseLong(f.legacyResourceId()), orderId, f.status(), shipment,
                        tracking, instant(f.createdAt()), instant(f.updatedAt()), instant(f.deliveredAt())));
            }
        }
        String fulfillmentStatus = switch (o.displayFulfillmentStatus() == null ? "" : o.displayFulfillmentStatus()) {
            case "FULFILLED" -> "fulfilled";
            case "PARTIALLY_FULFILLED" -> "partial";
            case "RESTOCKED" -> "restocked";
            default -> null;
        };
        String email = o.email() != null ? o.email() : o.customer() == null ? null : o.customer().email();
        String zip = o.shippingAddress() != null && o.shippingAddress().zip() != null ? o.shippingAddress().zip()
                : o.billingAddress() == null ? null : o.billingAddress().zip();
        Money total = o.totalPriceSet() == null ? null : o.totalPriceSet().shopMoney();
        return new OrderSnapshot(orderId, o.customer() == null ? null : parseLong(o.customer().legacyResourceId()),
                o.name(), o.number(), email, zip, o.customerLocale(),
                o.displayFinancialStatus() == null ? null : o.displayFinancialStatus().toLowerCase(Locale.ROOT),
                fulfillmentStatus, total == null ? null : total.amount(), total == null ? null : total.currencyCode(),
                instant(o.createdAt()), instant(o.updatedAt()), instant(o.cancelledAt()), items, fulfillments);
    }

    /**
     * The order's returns as Shopify states them at {@code readAt} (a webhook triggered later wins over them); a
     * return with a status this version does not know is left out.
     */
    static List<OrderReturns.Stated> returnsOf(long shopId, Order o, Instant readAt) {
        if (o.returns() == null || o.returns().nodes() == null) {
            return List.of();
        }
        long orderId = Long.parseLong(o.legacyResourceId());
        List<OrderReturns.Stated> out = new ArrayList<>();
        for (Return r : o.returns().nodes()) {
            Optional<ReturnStatus> status = ReturnStatus.of(r.status());
            if (r.id() != null && status.isPresent()) {
                out.add(new OrderReturns.Stated(shopId, gidNumber(r.id()), orderId, status.get(), readAt));
            }
        }
        return out;
    }

    private static Long legacy(Legacy legacy) {
        return legacy == null ? null : parseLong(legacy.legacyResourceId());
    }

    private static Long parseLong(String value) {
        return value == null ? null : Long.parseLong(value);
    }

    /** {@code gid://shopify/LineItem/123} → 123. */
    static long gidNumber(String gid) {
        return Long.parseLong(gid.substring(gid.lastIndexOf('/') + 1));
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }
}
