package com.returnsdrawer.session;

import com.returnsdrawer.shopify.ShopDomain;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Shopify's own claims, beside Micronaut's audience and time validators: {@code dest} names a shop (as
 * {@code https://{shop}} in admin tokens, with or without the scheme in customer-account tokens), and an
 * {@code iss}, when present, is that shop's admin (shopify.dev: apps/build/authentication-authorization/session-tokens).
 */
@Singleton
class ShopifyClaimsValidator<T> implements GenericJwtClaimsValidator<T> {

    @Override
    public boolean validate(Claims claims, @Nullable T request) {
        ShopDomain shop = destShop(claims.get("dest"));
        if (shop == null) {
            return false;
        }
        Object issuer = claims.get(Claims.ISSUER);
        return issuer == null || shop.equals(httpsShop(issuer.toString()));
    }

    /** {@code dest} as a shop: {@code https://{shop}} or the bare domain; anything else is null. */
    static @Nullable ShopDomain destShop(@Nullable Object dest) {
        if (!(dest instanceof String value)) {
            return null;
        }
        return value.startsWith("https://") ? httpsShop(value) : ShopDomain.parse(value).filter(s -> s.value().equals(value)).orElse(null);
    }

    /** {@code https://{shop}} or {@code https://{shop}/admin} → the shop; anything else → null. */
    private static @Nullable ShopDomain httpsShop(String url) {
        try {
            URI uri = new URI(url);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() != -1 || uri.getUserInfo() != null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return null;
            }
            String path = uri.getRawPath();
            if (path != null && !path.isEmpty() && !path.equals("/") && !path.equals("/admin")) {
                return null;
            }
            return ShopDomain.parse(uri.getHost()).orElse(null);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
