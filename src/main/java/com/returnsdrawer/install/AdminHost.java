package com.returnsdrawer.install;

import com.returnsdrawer.shopify.ShopDomain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Shopify's {@code host} parameter (base64 of the admin host, padding optional), accepted only when it names
 * this shop's admin: a redirect target is never taken from an unchecked parameter.
 */
final class AdminHost {

    private static final Pattern UNIFIED = Pattern.compile("^admin\\.shopify\\.com/store/([a-z0-9][a-z0-9-]*)$");
    private static final Pattern LEGACY = Pattern.compile("^([a-z0-9][a-z0-9-]*\\.myshopify\\.com)/admin$");

    private AdminHost() {
    }

    /** {@code https://{admin host}/apps/{client id}}, from {@code host} when it is this shop's, else the shop's admin. */
    static String appUrl(String host, ShopDomain shop, String apiKey) {
        return "https://" + adminHost(host, shop) + "/apps/" + apiKey;
    }

    static String adminHost(String host, ShopDomain shop) {
        String decoded = decode(host);
        if (decoded != null) {
            var unified = UNIFIED.matcher(decoded);
            if (unified.matches() && unified.group(1).equals(shop.handle())) {
                return decoded;
            }
            var legacy = LEGACY.matcher(decoded);
            if (legacy.matches() && legacy.group(1).equals(shop.value())) {
                return decoded;
            }
        }
        return "admin.shopify.com/store/" + shop.handle();
    }

    private static String decode(String host) {
        if (host == null || host.isBlank() || host.length() > 512) {
            return null;
        }
        String padded = host.trim();
        while (padded.length() % 4 != 0) {
            padded += "=";
        }
        try {
            return new String(Base64.getDecoder().decode(padded), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            try {
                return new String(Base64.getUrlDecoder().decode(padded), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e2) {
                return null;
            }
        }
    }
}
