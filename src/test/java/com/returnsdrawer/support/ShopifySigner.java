package com.returnsdrawer.support;

import com.returnsdrawer.crypto.Hmac;

import java.nio.charset.StandardCharsets;

/**
 * Signs requests the way Shopify does, for tests acting as Shopify. Deliberately separate from the app's
 * verifiers: it is computed from SHOPIFY.md's rules, not from the code under test.
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

    public static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public static String webhookHmac(String secret, byte[] body) {
        return Hmac.sha256Base64(secret.getBytes(StandardCharsets.UTF_8), body);
    }
}
