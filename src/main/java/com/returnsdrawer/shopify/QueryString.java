package com.returnsdrawer.shopify;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A raw query string as Shopify signed it: pairs in order, each key and value percent-decoded exactly once,
 * empty values and repeated keys kept, a key without {@code =} read as an empty value.
 */
public final class QueryString {

    private QueryString() {
    }

    public static List<Map.Entry<String, String>> parse(String raw) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return pairs;
        }
        for (String part : raw.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            pairs.add(Map.entry(decode(key), decode(value)));
        }
        return pairs;
    }

    /** The first value of {@code name}, or null. */
    public static String first(List<Map.Entry<String, String>> pairs, String name) {
        for (Map.Entry<String, String> pair : pairs) {
            if (pair.getKey().equals(name)) {
                return pair.getValue();
            }
        }
        return null;
    }

    /** The text Shopify signs for an app-proxy request: repeated keys joined by commas, {@code k=v} sorted bytewise, concatenated. */
    public static String appProxyMessage(Map<String, List<String>> grouped) {
        List<byte[]> parts = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : grouped.entrySet()) {
            parts.add((e.getKey() + "=" + String.join(",", e.getValue())).getBytes(StandardCharsets.UTF_8));
        }
        parts.sort(Arrays::compareUnsigned);
        StringBuilder out = new StringBuilder();
        for (byte[] part : parts) {
            out.append(new String(part, StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    /** Form-encodes a query-string key or value ({@code application/x-www-form-urlencoded}, UTF-8). */
    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // A malformed escape: keep the text as sent, so the signature check fails rather than the request.
            return s;
        }
    }
}
