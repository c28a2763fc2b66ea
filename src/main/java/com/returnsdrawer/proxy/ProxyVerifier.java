package com.returnsdrawer.proxy;

import com.returnsdrawer.crypto.SigningSecrets;
import com.returnsdrawer.shopify.QueryString;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.ShopifyConfig;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one check of app-proxy requests (shopify.dev: apps/build/online-store/app-proxies/authenticate-app-proxies):
 * every parameter but {@code signature}, each decoded once, repeated keys joined as {@code k=v1,v2}, the
 * {@code k=v} strings sorted bytewise and concatenated without separator; lowercase hex HMAC-SHA256 under the
 * current or previous secret, compared in constant time; {@code timestamp} inside the window.
 */
@Singleton
class ProxyVerifier {

    private final SigningSecrets secrets;
    private final long windowSeconds;
    private final Clock clock;

    @Inject
    ProxyVerifier(SigningSecrets secrets, ShopifyConfig config) {
        this(secrets, config.hmacWindowSeconds(), Clock.systemUTC());
    }

    ProxyVerifier(SigningSecrets secrets, long windowSeconds, Clock clock) {
        this.secrets = secrets;
        this.windowSeconds = windowSeconds;
        this.clock = clock;
    }

    /** A verified request, or null. */
    @Nullable
    ProxyRequest verify(@Nullable String rawQuery) {
        List<Map.Entry<String, String>> pairs = QueryString.parse(rawQuery);
        String signature = null;
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (Map.Entry<String, String> pair : pairs) {
            if (pair.getKey().equals("signature")) {
                signature = signature == null ? pair.getValue() : signature;
                continue;
            }
            grouped.computeIfAbsent(pair.getKey(), k -> new ArrayList<>()).add(pair.getValue());
        }
        if (signature == null || !secrets.verifyHex(QueryString.appProxyMessage(grouped).getBytes(StandardCharsets.UTF_8), signature)) {
            return null;
        }
        var shop = ShopDomain.parse(single(grouped, "shop"));
        String timestamp = single(grouped, "timestamp");
        if (shop.isEmpty() || timestamp == null) {
            return null;
        }
        try {
            if (Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp)) > windowSeconds) {
                return null;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        String customer = single(grouped, "logged_in_customer_id");
        Long customerId = null;
        if (customer != null && !customer.isEmpty()) {
            try {
                customerId = Long.parseLong(customer);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        String prefix = single(grouped, "path_prefix");
        return new ProxyRequest(shop.get(), customerId, ProxyRequest.safePrefix(prefix), Collections.unmodifiableMap(grouped));
    }

    /** A parameter Shopify sends once; a repeated one is refused (null). */
    private static String single(Map<String, List<String>> grouped, String key) {
        List<String> values = grouped.get(key);
        return values == null || values.size() != 1 ? null : values.get(0);
    }
}
