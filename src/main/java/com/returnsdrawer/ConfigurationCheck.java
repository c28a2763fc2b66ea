package com.returnsdrawer;

import com.returnsdrawer.shopify.Scopes;
import com.returnsdrawer.shopify.ShopifyConfig;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.value.PropertyResolver;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Checks every required setting (README, Configuration) at once and reports all that are missing or malformed,
 * by the environment variable an operator sets (docs/behaviour.md, Start-up and configuration). {@link Application}
 * runs it before the server starts; as a {@link Context} bean it also guards contexts started another way (tests,
 * embedding).
 */
@Context
public final class ConfigurationCheck {

    private record Setting(String variable, String property, boolean required) {
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("SHOPIFY_API_KEY", "shopify.api-key", true),
            new Setting("SHOPIFY_API_SECRET", "shopify.api-secret", true),
            new Setting("SHOPIFY_APP_URL", "shopify.app-url", true),
            new Setting("TOKEN_ENCRYPTION_KEY", "token.encryption-key", true),
            new Setting("TOKEN_ENCRYPTION_KEY_PREVIOUS", "token.encryption-key-previous", false),
            new Setting("DATASOURCES_DEFAULT_URL", "datasources.default.url", true),
            new Setting("SHOPIFY_SHOP_BASE_URL", "shopify.shop-base-url", false),
            new Setting("SHOPIFY_HMAC_WINDOW_SECONDS", "shopify.hmac-window-seconds", false),
            new Setting("SHOPIFY_API_VERSION", "shopify.api-version", false),
            new Setting("SHOPIFY_SCOPES", "shopify.scopes", false),
            new Setting("LOOP_API_BASE_URL", "loop.api-base-url", false),
            new Setting("AFTERSHIP_API_BASE_URL", "aftership.api-base-url", false),
            new Setting("PROVIDER_API_TIMEOUT_MS", "provider-api.timeout-ms", false),
            new Setting("ORDERS_IMPORT_DAYS", "orders.import-days", false));

    /** How far back {@code read_orders} alone reaches (shopify.dev: api/usage/access-scopes, read_all_orders). */
    private static final int DAYS_WITHOUT_ALL_ORDERS = 60;

    ConfigurationCheck(PropertyResolver properties) {
        List<String> problems = problems(properties);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(message(problems));
        }
    }

    public static String message(List<String> problems) {
        return "Returns Drawer cannot start: " + String.join("; ", problems)
                + ". Set them as environment variables (see README.md, Configuration), or run with MICRONAUT_ENVIRONMENTS=dev for local mode.";
    }

    /** Every problem found, worded by environment variable; empty when the configuration is usable. */
    public static List<String> problems(PropertyResolver properties) {
        List<String> missing = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        for (Setting setting : SETTINGS) {
            String value = properties.getProperty(setting.property(), String.class).orElse(null);
            if (value == null || value.isBlank()) {
                if (setting.required()) {
                    missing.add(setting.variable());
                }
                continue;
            }
            String error = validate(setting.variable(), value.trim());
            if (error != null) {
                malformed.add(setting.variable() + " " + error);
            }
        }
        String importDaysError = importDaysScopeError(properties);
        if (importDaysError != null) {
            malformed.add(importDaysError);
        }
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add("missing required configuration " + String.join(", ", missing));
        }
        if (!malformed.isEmpty()) {
            problems.add("malformed configuration " + String.join(", ", malformed));
        }
        return problems;
    }

    private static String validate(String variable, String value) {
        switch (variable) {
            case "SHOPIFY_APP_URL", "LOOP_API_BASE_URL", "AFTERSHIP_API_BASE_URL":
                return appUrlError(value);
            case "PROVIDER_API_TIMEOUT_MS":
                try {
                    int ms = Integer.parseInt(value);
                    return ms >= 1 && ms <= 60_000 ? null : "(must be a number of milliseconds from 1 to 60000)";
                } catch (NumberFormatException e) {
                    return "(must be a number of milliseconds from 1 to 60000)";
                }
            case "TOKEN_ENCRYPTION_KEY", "TOKEN_ENCRYPTION_KEY_PREVIOUS":
                try {
                    return Base64.getDecoder().decode(value).length == 32 ? null : "(must be base64 of exactly 32 bytes)";
                } catch (IllegalArgumentException e) {
                    return "(must be base64 of exactly 32 bytes)";
                }
            case "DATASOURCES_DEFAULT_URL":
                return value.startsWith("jdbc:mysql:") || value.startsWith("jdbc:h2:") ? null
                        : "(must be a jdbc:mysql:// URL)";
            case "SHOPIFY_SHOP_BASE_URL":
                // Tokens and client secrets travel to this host: plain http only to a local stand-in.
                return shopBaseUrlError(value.replace("{shop}", "shop.myshopify.com"));
            case "SHOPIFY_HMAC_WINDOW_SECONDS":
                try {
                    int seconds = Integer.parseInt(value);
                    return seconds > 0 && seconds <= 3600 ? null : "(must be a number of seconds from 1 to 3600)";
                } catch (NumberFormatException e) {
                    return "(must be a number of seconds from 1 to 3600)";
                }
            case "SHOPIFY_API_VERSION":
                return value.matches("\\d{4}-\\d{2}|unstable") ? null : "(must look like 2026-10)";
            case "ORDERS_IMPORT_DAYS":
                try {
                    int days = Integer.parseInt(value);
                    return days >= 1 && days <= 3650 ? null : "(must be a number of days from 1 to 3650)";
                } catch (NumberFormatException e) {
                    return "(must be a number of days from 1 to 3650)";
                }
            case "SHOPIFY_SCOPES":
                return value.matches("[a-z_]+(,[a-z_]+)*") ? null : "(must be comma-separated scopes)";
            default:
                return null;
        }
    }

    /**
     * More than 60 days back needs {@code read_all_orders}: without it Shopify silently leaves the older orders out of
     * the first import, so the app refuses to start instead.
     */
    private static String importDaysScopeError(PropertyResolver properties) {
        String days = properties.getProperty("orders.import-days", String.class).orElse("").trim();
        int value;
        try {
            value = Integer.parseInt(days);
        } catch (NumberFormatException e) {
            return null;
        }
        String scopes = properties.getProperty("shopify.scopes", String.class).orElse(ShopifyConfig.DEFAULT_SCOPES);
        if (value > DAYS_WITHOUT_ALL_ORDERS && value <= 3650 && !Scopes.parse(scopes).contains("read_all_orders")) {
            return "ORDERS_IMPORT_DAYS (more than " + DAYS_WITHOUT_ALL_ORDERS
                    + " days needs read_all_orders in SHOPIFY_SCOPES)";
        }
        return null;
    }

    private static String appUrlError(String value) {
        try {
            URI uri = new URI(value);
            String host = uri.getHost();
            if (host == null || uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
                return "(must be an https:// URL)";
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean local = host.equals("localhost") || host.equals("127.0.0.1");
            if (scheme.equals("https") || (scheme.equals("http") && local)) {
                return null;
            }
            return "(must be an https:// URL; http:// only for localhost)";
        } catch (URISyntaxException e) {
            return "(must be an https:// URL)";
        }
    }

    private static String shopBaseUrlError(String value) {
        String wrong = "(must be an https:// URL with {shop} for the shop's domain; http:// only for localhost or 127.0.0.1)";
        try {
            URI uri = new URI(value);
            String host = uri.getHost();
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (host == null || uri.getUserInfo() != null) {
                return wrong;
            }
            boolean local = host.equals("localhost") || host.equals("127.0.0.1");
            return scheme.equals("https") || (scheme.equals("http") && local) ? null : wrong;
        } catch (URISyntaxException e) {
            return wrong;
        }
    }
}
