package com.returnsdrawer.shopify;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A shop's permanent {@code *.myshopify.com} domain, validated so that no URL is ever built from an
 * attacker's host (shopify.dev: apps/build/authentication-authorization, "Verify the shop parameter").
 */
public record ShopDomain(String value) {

    private static final Pattern MYSHOPIFY = Pattern.compile("^[a-z0-9][a-z0-9-]*\\.myshopify\\.com$");
    private static final Pattern ADMIN_URL = Pattern.compile("^(?:https://)?admin\\.shopify\\.com/store/([a-z0-9][a-z0-9-]*)/?$");
    private static final int MAX_LENGTH = 255;

    public ShopDomain {
        if (value == null || value.length() > MAX_LENGTH || !MYSHOPIFY.matcher(value).matches()) {
            throw new IllegalArgumentException("not a myshopify.com shop domain");
        }
    }

    /**
     * Reads a shop as Shopify or a merchant sends it: a {@code name.myshopify.com} domain in any case, or the
     * admin form {@code admin.shopify.com/store/name}. Anything else (another suffix, a port, a path,
     * user-info, a scheme on the domain form) is empty.
     */
    public static Optional<ShopDomain> parse(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > MAX_LENGTH + 40) {
            return Optional.empty();
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        if (MYSHOPIFY.matcher(lower).matches()) {
            return Optional.of(new ShopDomain(lower));
        }
        var admin = ADMIN_URL.matcher(lower);
        if (admin.matches()) {
            String domain = admin.group(1) + ".myshopify.com";
            return domain.length() <= MAX_LENGTH ? Optional.of(new ShopDomain(domain)) : Optional.empty();
        }
        return Optional.empty();
    }

    /** The shop handle, the part before {@code .myshopify.com}. */
    public String handle() {
        return value.substring(0, value.length() - ".myshopify.com".length());
    }

    @Override
    public String toString() {
        return value;
    }
}
