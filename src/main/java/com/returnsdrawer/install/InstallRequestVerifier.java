package com.returnsdrawer.install;

import com.returnsdrawer.crypto.SigningSecrets;
import com.returnsdrawer.shopify.QueryString;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.ShopifyConfig;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one check of Shopify's signed admin requests (app home, install, OAuth callback): the hex HMAC over the
 * other parameters sorted by key as {@code k=v} joined by {@code &}, the shop domain, and the timestamp window
 * (shopify.dev: apps/build/authentication-authorization/access-tokens/authorization-code-grant, step 2).
 */
@Singleton
class InstallRequestVerifier {

    private final SigningSecrets secrets;
    private final long windowSeconds;
    private final Clock clock;

    @jakarta.inject.Inject
    InstallRequestVerifier(SigningSecrets secrets, ShopifyConfig config) {
        this(secrets, config.hmacWindowSeconds(), Clock.systemUTC());
    }

    InstallRequestVerifier(SigningSecrets secrets, long windowSeconds, Clock clock) {
        this.secrets = secrets;
        this.windowSeconds = windowSeconds;
        this.clock = clock;
    }

    /** A verified request's parameters, or the reason it is refused (for logs only). */
    record Result(@Nullable ShopDomain shop, @Nullable Map<String, String> params, @Nullable String reason,
                  boolean signed) {
        boolean valid() {
            return shop != null;
        }

        String param(String name) {
            return params == null ? null : params.get(name);
        }
    }

    Result verify(@Nullable String rawQuery) {
        return verify(rawQuery, false);
    }

    /**
     * With {@code allowUnsigned}, a request without any {@code hmac} passes with {@code signed = false} (an
     * embedded load authenticated by its id token instead); an {@code hmac} that is present must still verify.
     */
    Result verify(@Nullable String rawQuery, boolean allowUnsigned) {
        List<Map.Entry<String, String>> pairs = QueryString.parse(rawQuery);
        TreeMap<String, String> params = new TreeMap<>();
        String hmac = null;
        for (Map.Entry<String, String> pair : pairs) {
            if (pair.getKey().equals("hmac")) {
                hmac = pair.getValue();
            } else if (!pair.getKey().equals("signature")) {
                params.merge(pair.getKey(), pair.getValue(), (a, b) -> a + "," + b);
            }
        }
        var shop = ShopDomain.parse(params.get("shop"));
        if (shop.isEmpty()) {
            return new Result(null, null, "shop", false);
        }
        if (hmac == null && allowUnsigned) {
            return new Result(shop.get(), params, null, false);
        }
        if (hmac == null || !secrets.verifyHex(message(params).getBytes(StandardCharsets.UTF_8), hmac)) {
            return new Result(null, null, "hmac", false);
        }
        try {
            long timestamp = Long.parseLong(params.getOrDefault("timestamp", ""));
            if (Math.abs(clock.instant().getEpochSecond() - timestamp) > windowSeconds) {
                return new Result(null, null, "timestamp", false);
            }
        } catch (NumberFormatException e) {
            return new Result(null, null, "timestamp", false);
        }
        return new Result(shop.get(), params, null, true);
    }

    /** Sorted {@code k=v} pairs joined by {@code &}, with {@code %} and {@code &} (and {@code =} in keys) escaped. */
    static String message(TreeMap<String, String> params) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(escape(e.getKey()).replace("=", "%3D")).append('=').append(escape(e.getValue()));
        }
        return out.toString();
    }

    private static String escape(String s) {
        return s.replace("%", "%25").replace("&", "%26");
    }

    Instant now() {
        return clock.instant();
    }
}
