package com.returnsdrawer.returns;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the link a shopper is sent to, per provider (docs/behaviour.md, "Providers and their links"): the merchant's own query parameters
 * and fragment are kept, the app's parameters are added, every value is percent-encoded (RFC 3986).
 */
public final class ReturnLinks {

    private ReturnLinks() {
    }

    public static String build(Provider provider, String portalUrl, OrderLinkData order) {
        return switch (provider) {
            case LOOP -> withParams(portalUrl, params("order", order.orderRef(), "email", order.email(), "zip", order.zip()), true);
            case NARVAR -> withParams(portalUrl, params("order", order.orderRef(), "dzip", order.zip()), false);
            case AFTERSHIP, PARCELLAB -> portalUrl;
            case OTHER -> template(portalUrl, order);
        };
    }

    /** True when the link carries the order, so the drawer need not show the number to type. */
    public static boolean prefillsOrder(Provider provider, String portalUrl) {
        return switch (provider) {
            case LOOP, NARVAR -> true;
            case AFTERSHIP, PARCELLAB -> false;
            case OTHER -> portalUrl.contains("{order}") || portalUrl.contains("{order_name}")
                    || portalUrl.contains("{order_number}") || portalUrl.contains("{order_id}");
        };
    }

    private static Map<String, String> params(String... kv) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null && !kv[i + 1].isEmpty()) {
                out.put(kv[i], kv[i + 1]);
            }
        }
        return out;
    }

    /**
     * Adds {@code params} to the URL's query, keeping the merchant's query and putting the fragment last.
     * With {@code originAndPath}, an empty path becomes {@code /} (Loop: origin + path, then the query).
     */
    static String withParams(String url, Map<String, String> params, boolean originAndPath) {
        int hash = url.indexOf('#');
        String fragment = hash < 0 ? null : url.substring(hash + 1);
        String base = hash < 0 ? url : url.substring(0, hash);
        int q = base.indexOf('?');
        String query = q < 0 ? null : base.substring(q + 1);
        String beforeQuery = q < 0 ? base : base.substring(0, q);
        if (originAndPath) {
            try {
                URI uri = new URI(beforeQuery);
                if (uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
                    beforeQuery = beforeQuery + "/";
                }
            } catch (URISyntaxException ignored) {
                // validated on save; left as the merchant wrote it
            }
        }
        StringBuilder out = new StringBuilder(beforeQuery);
        StringBuilder added = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!added.isEmpty()) {
                added.append('&');
            }
            added.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
        }
        boolean hasQuery = query != null && !query.isEmpty();
        if (hasQuery || !added.isEmpty()) {
            out.append('?');
        }
        if (hasQuery) {
            out.append(query);
            if (!added.isEmpty()) {
                out.append('&');
            }
        }
        out.append(added);
        if (fragment != null) {
            out.append('#').append(fragment);
        }
        return out.toString();
    }

    static String template(String template, OrderLinkData order) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("{order_number}", order.orderNumber() == null ? "" : order.orderNumber().toString());
        values.put("{order_name}", order.name() == null ? "" : order.name());
        values.put("{order_id}", Long.toString(order.orderId()));
        values.put("{order}", order.orderRef() == null ? "" : order.orderRef());
        values.put("{email}", order.email() == null ? "" : order.email());
        values.put("{zip}", order.zip() == null ? "" : order.zip());
        values.put("{locale}", order.locale() == null ? "" : order.locale());
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace(e.getKey(), encode(e.getValue()));
        }
        return out;
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters ({@code A-Z a-z 0-9 - . _ ~}). */
    public static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }
}
