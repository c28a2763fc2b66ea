package com.returnsdrawer.orders;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Shopify's REST-shaped Order and Fulfillment webhook payloads in one streaming pass, keeping only the
 * fields the drawer needs and skipping the rest unread (an order payload has ~90 keys, ~15 KB). Ids are read
 * as 64-bit integers, never through a double. Any malformed or wrongly typed field makes the payload
 * unreadable ({@link IOException}), so it is kept for inspection rather than half applied.
 */
final class RestPayloads {

    private static final JsonFactory JSON = new JsonFactory();

    private RestPayloads() {
    }

    static OrderSnapshot order(byte[] body) throws IOException {
        try (JsonParser p = JSON.createParser(body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            Long id = null;
            Long customerId = null;
            Long orderNumber = null;
            String name = null;
            String email = null;
            String contactEmail = null;
            String customerEmail = null;
            String shippingZip = null;
            String billingZip = null;
            String createdAt = null;
            String updatedAt = null;
            String cancelledAt = null;
            String financial = null;
            String fulfillment = null;
            String total = null;
            String currency = null;
            String locale = null;
            List<OrderSnapshot.LineItem> items = new ArrayList<>();
            List<FulfillmentSnapshot> fulfillments = new ArrayList<>();
            List<FulfillmentFields> rawFulfillments = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "id" -> id = longValue(p, value);
                    case "name" -> name = text(p, value);
                    case "order_number" -> orderNumber = longValue(p, value);
                    case "email" -> email = text(p, value);
                    case "contact_email" -> contactEmail = text(p, value);
                    case "created_at" -> createdAt = text(p, value);
                    case "updated_at" -> updatedAt = text(p, value);
                    case "cancelled_at" -> cancelledAt = text(p, value);
                    case "financial_status" -> financial = text(p, value);
                    case "fulfillment_status" -> fulfillment = text(p, value);
                    case "total_price" -> total = text(p, value);
                    case "currency" -> currency = text(p, value);
                    case "customer_locale" -> locale = text(p, value);
                    case "customer" -> {
                        if (value == JsonToken.START_OBJECT) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String f = p.currentName();
                                JsonToken v = p.nextToken();
                                if (f.equals("id")) {
                                    customerId = longValue(p, v);
                                } else if (f.equals("email")) {
                                    customerEmail = text(p, v);
                                } else {
                                    p.skipChildren();
                                }
                            }
                        } else if (value != JsonToken.VALUE_NULL) {
                            throw new IOException("customer is not an object");
                        }
                    }
                    case "shipping_address" -> shippingZip = zip(p, value);
                    case "billing_address" -> billingZip = zip(p, value);
                    case "line_items" -> {
                        if (value == JsonToken.START_ARRAY) {
                            while (p.nextToken() == JsonToken.START_OBJECT) {
                                OrderSnapshot.LineItem item = lineItem(p);
                                if (item != null) {
                                    items.add(item);
                                }
                            }
                        } else if (value != JsonToken.VALUE_NULL) {
                            throw new IOException("line_items is not an array");
                        }
                    }
                    case "fulfillments" -> {
                        if (value == JsonToken.START_ARRAY) {
                            while (p.nextToken() == JsonToken.START_OBJECT) {
                                rawFulfillments.add(fulfillmentFields(p));
                            }
                        } else if (value != JsonToken.VALUE_NULL) {
                            throw new IOException("fulfillments is not an array");
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (id == null) {
                throw new IOException("order without id");
            }
            for (FulfillmentFields f : rawFulfillments) {
                if (f.id != null) {
                    fulfillments.add(f.snapshot(id));
                }
            }
            String mail = notBlank(email) != null ? email : notBlank(contactEmail) != null ? contactEmail : customerEmail;
            return new OrderSnapshot(id, customerId, name, orderNumber, mail, shippingZip != null ? shippingZip : billingZip,
                    locale, financial, fulfillment, total, currency, instant(createdAt), instant(updatedAt),
                    instant(cancelledAt), items, fulfillments);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
    }

    static FulfillmentSnapshot fulfillment(byte[] body) throws IOException {
        try (JsonParser p = JSON.createParser(body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            FulfillmentFields f = fulfillmentFields(p);
            if (f.id == null || f.orderId == null) {
                throw new IOException("fulfillment without id or order_id");
            }
            return f.snapshot(f.orderId);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
    }

    private static final class FulfillmentFields {
        Long id;
        Long orderId;
        String status;
        String shipmentStatus;
        String createdAt;
        String updatedAt;
        String company;
        String number;
        String url;
        List<String> numbers = List.of();
        List<String> urls = List.of();

        FulfillmentSnapshot snapshot(long fallbackOrder) throws IOException {
            List<String> ns = !numbers.isEmpty() ? numbers : number != null ? List.of(number) : List.of();
            List<String> us = !urls.isEmpty() ? urls : url != null ? List.of(url) : List.of();
            List<FulfillmentSnapshot.Tracking> tracking = new ArrayList<>();
            for (int i = 0; i < Math.max(ns.size(), us.size()); i++) {
                tracking.add(new FulfillmentSnapshot.Tracking(company, i < ns.size() ? ns.get(i) : null, i < us.size() ? us.get(i) : null));
            }
            if (tracking.isEmpty() && company != null) {
                tracking.add(new FulfillmentSnapshot.Tracking(company, null, null));
            }
            return new FulfillmentSnapshot(id, orderId != null ? orderId : fallbackOrder, status, shipmentStatus, tracking,
                    instant(createdAt), instant(updatedAt), null);
        }
    }

    private static FulfillmentFields fulfillmentFields(JsonParser p) throws IOException {
        FulfillmentFields f = new FulfillmentFields();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "id" -> f.id = longValue(p, value);
                case "order_id" -> f.orderId = longValue(p, value);
                case "status" -> f.status = text(p, value);
                case "shipment_status" -> f.shipmentStatus = text(p, value);
                case "created_at" -> f.createdAt = text(p, value);
                case "updated_at" -> f.updatedAt = text(p, value);
                case "tracking_company" -> f.company = text(p, value);
                case "tracking_number" -> f.number = text(p, value);
                case "tracking_url" -> f.url = text(p, value);
                case "tracking_numbers" -> f.numbers = strings(p, value);
                case "tracking_urls" -> f.urls = strings(p, value);
                default -> p.skipChildren();
            }
        }
        return f;
    }

    private static OrderSnapshot.LineItem lineItem(JsonParser p) throws IOException {
        Long id = null;
        Long variantId = null;
        Long productId = null;
        Integer quantity = null;
        String title = null;
        String name = null;
        String variantTitle = null;
        String price = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "id" -> id = longValue(p, value);
                case "title" -> title = text(p, value);
                case "name" -> name = text(p, value);
                case "variant_title" -> variantTitle = text(p, value);
                case "quantity" -> {
                    Long q = longValue(p, value);
                    quantity = q == null ? null : Math.toIntExact(q);
                }
                case "price" -> price = text(p, value);
                case "variant_id" -> variantId = longValue(p, value);
                case "product_id" -> productId = longValue(p, value);
                default -> p.skipChildren();
            }
        }
        if (id == null) {
            return null;
        }
        return new OrderSnapshot.LineItem(id, title != null ? title : name != null ? name : "", variantTitle,
                quantity == null ? 1 : quantity, price, variantId, productId, null);
    }

    private static String zip(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.START_OBJECT) {
            throw new IOException("address is not an object");
        }
        String zip = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (field.equals("zip")) {
                zip = text(p, v);
            } else {
                p.skipChildren();
            }
        }
        return zip;
    }

    private static List<String> strings(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (value != JsonToken.START_ARRAY) {
            throw new IOException("expected an array");
        }
        List<String> out = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            String s = text(p, t);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private static Long longValue(JsonParser p, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_STRING -> {
                try {
                    yield Long.parseLong(p.getText().trim());
                } catch (NumberFormatException e) {
                    throw new IOException("not an integer");
                }
            }
            default -> throw new IOException("not an integer");
        };
    }

    private static String text(JsonParser p, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_NULL -> null;
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> p.getText();
            default -> throw new IOException("not a scalar");
        };
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected);
        }
    }

    private static String notBlank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Shopify's ISO-8601 times carry an offset ({@code 2021-12-31T19:00:00-05:00}); a {@code Z} works too. */
    static Instant instant(String value) throws IOException {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IOException("not an ISO-8601 time");
        }
    }
}
