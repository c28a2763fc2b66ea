package com.returnsdrawer.support;

import com.returnsdrawer.crypto.Hmac;

import java.nio.charset.StandardCharsets;

/**
 * Signs requests the way Shopify does, for tests acting as Shopify. Deliberately separate from the app's
 * verifiers: it is computed from Shopify's documented rules (shopify.dev: apps/build/authentication-authorization;
 * apps/build/webhooks/subscribe/https; apps/build/online-store/app-proxies/authenticate-app-proxies), not from the
 * code under test.
 */
public final class ShopifySigner {

    /** The secret of application-test.yml. */
    public static final String SECRET = "test-api-secret";

    private ShopifySigner() {
    }

    /**
     * An admin request's query (install, OAuth callback, app home) with Shopify's {@code hmac}: the parameters
     * sorted by key, {@code k=v} joined by {@code &}, hex HMAC-SHA256. Values are percent-encoded in the URL.
     */
    public static String signedAdminQuery(String secret, java.util.Map<String, String> params) {
        java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>(params);
        StringBuilder message = new StringBuilder();
        StringBuilder query = new StringBuilder();
        for (var e : sorted.entrySet()) {
            if (!message.isEmpty()) {
                message.append('&');
                query.append('&');
            }
            message.append(e.getKey()).append('=').append(e.getValue());
            query.append(enc(e.getKey())).append('=').append(enc(e.getValue()));
        }
        String hmac = Hmac.sha256Hex(secret, message.toString());
        return query + "&hmac=" + hmac;
    }

    /**
     * An app-proxy query as Shopify forwards it: the pairs as given (repeated keys allowed), plus
     * {@code signature}: values of one key joined by commas, {@code k=v} sorted by their UTF-8 bytes, concatenated.
     */
    public static String signedProxyQuery(String secret, java.util.List<java.util.Map.Entry<String, String>> pairs) {
        java.util.Map<String, java.util.List<String>> grouped = new java.util.LinkedHashMap<>();
        StringBuilder query = new StringBuilder();
        for (var pair : pairs) {
            grouped.computeIfAbsent(pair.getKey(), k -> new java.util.ArrayList<>()).add(pair.getValue());
            query.append(enc(pair.getKey())).append('=').append(enc(pair.getValue())).append('&');
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        grouped.forEach((k, v) -> parts.add(k + "=" + String.join(",", v)));
        parts.sort((a, b) -> java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        return query + "signature=" + Hmac.sha256Hex(secret, String.join("", parts));
    }

    /** The usual proxy parameters for a shop and customer (null: logged out), signed now. */
    public static String proxyQuery(String secret, com.returnsdrawer.shopify.ShopDomain shop, Long customerId, String pathPrefix,
                                    java.util.Map<String, String> extra) {
        java.util.List<java.util.Map.Entry<String, String>> pairs = new java.util.ArrayList<>();
        extra.forEach((k, v) -> pairs.add(java.util.Map.entry(k, v)));
        pairs.add(java.util.Map.entry("shop", shop.value()));
        pairs.add(java.util.Map.entry("logged_in_customer_id", customerId == null ? "" : customerId.toString()));
        pairs.add(java.util.Map.entry("path_prefix", pathPrefix));
        pairs.add(java.util.Map.entry("timestamp", String.valueOf(java.time.Instant.now().getEpochSecond())));
        return signedProxyQuery(secret, pairs);
    }

    public static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public static String webhookHmac(String secret, byte[] body) {
        return Hmac.sha256Base64(secret.getBytes(StandardCharsets.UTF_8), body);
    }
}
