package com.returnsdrawer.shopify;

import com.returnsdrawer.crypto.SigningSecrets;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;
import java.time.Duration;

/**
 * The app's Shopify settings (the {@code SHOPIFY_*} variables; docs/behaviour.md, "Start-up and configuration"),
 * checked at start-up by {@link com.returnsdrawer.ConfigurationCheck} before any port opens.
 */
@ConfigurationProperties("shopify")
public record ShopifyConfig(
        String apiKey,
        String apiSecret,
        @Nullable String apiSecretPrevious,
        String appUrl,
        @Bindable(defaultValue = DEFAULT_SCOPES) String scopes,
        @Bindable(defaultValue = DEFAULT_API_VERSION) String apiVersion,
        @Bindable(defaultValue = DEFAULT_SHOP_BASE_URL) String shopBaseUrl,
        @Bindable(defaultValue = "90") int hmacWindowSeconds) {

    public static final String DEFAULT_SCOPES = "read_orders,read_returns,write_app_proxy";
    public static final String DEFAULT_API_VERSION = "2026-10";
    public static final String DEFAULT_SHOP_BASE_URL = "https://{shop}";

    /** Every setting but the secrets, which are only said to be set: a configuration dump never leaks them. */
    @Override
    public String toString() {
        return "ShopifyConfig[apiKey=" + apiKey + ", apiSecret=" + (apiSecret == null ? "none" : "(set)")
                + ", apiSecretPrevious=" + (apiSecretPrevious == null ? "none" : "(set)") + ", appUrl=" + appUrl
                + ", scopes=" + scopes + ", apiVersion=" + apiVersion + ", shopBaseUrl=" + shopBaseUrl
                + ", hmacWindowSeconds=" + hmacWindowSeconds + "]";
    }

    /** The scopes asked for on install, one entry each. */
    public java.util.Set<String> scopeSet() {
        return Scopes.parse(scopes);
    }

    /** The client secret and, while rotating, the previous one. */
    public SigningSecrets secrets() {
        return new SigningSecrets(apiSecret, apiSecretPrevious);
    }

    public Duration hmacWindow() {
        return Duration.ofSeconds(hmacWindowSeconds);
    }

    /** The app's public base URL without a trailing slash. */
    public String appBaseUrl() {
        return appUrl.endsWith("/") ? appUrl.substring(0, appUrl.length() - 1) : appUrl;
    }

    /** Base URL of {@code shop}'s admin host: every call to Shopify (authorize, token, GraphQL) starts here. */
    public URI shopBase(ShopDomain shop) {
        String base = shopBaseUrl.replace("{shop}", shop.value());
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }
}
