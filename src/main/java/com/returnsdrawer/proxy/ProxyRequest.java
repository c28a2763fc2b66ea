package com.returnsdrawer.proxy;

import com.returnsdrawer.shopify.ShopDomain;
import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A verified storefront request: the shop, the logged-in customer (the only identity: no other parameter can
 * name one), the proxy's path prefix, from which every link in a response is built, and the query's other
 * parameters as they were signed (decoded once, in order, repeated keys kept).
 */
public record ProxyRequest(ShopDomain shop, @Nullable Long customerId, String pathPrefix,
                           Map<String, List<String>> parameters) {

    static final String DEFAULT_PREFIX = "/apps/returns-drawer";
    private static final Pattern PREFIX = Pattern.compile("^/(apps|a|community|tools)/[A-Za-z0-9_-]{1,64}$");

    public boolean loggedIn() {
        return customerId != null;
    }

    /** The first value of a signed query parameter ({@code format}, {@code page}, {@code locale}…), or null. */
    @Nullable
    public String parameter(String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Shopify's prefixes are {@code /apps|a|community|tools/{subpath}}; anything else falls back to ours. */
    static String safePrefix(String prefix) {
        return prefix != null && PREFIX.matcher(prefix).matches() ? prefix : DEFAULT_PREFIX;
    }
}
