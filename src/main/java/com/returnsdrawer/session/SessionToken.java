package com.returnsdrawer.session;

import com.returnsdrawer.shopify.ShopDomain;
import io.micronaut.core.annotation.Nullable;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A verified Shopify session token: signed with the client secret, for this app, within its time window, and for
 * {@code shop} (shopify.dev: apps/build/authentication-authorization/session-tokens). {@code adminIssued} says
 * that {@code iss} named the shop's admin, as the tokens of App Bridge carry; customer-account tokens may omit it.
 */
public record SessionToken(ShopDomain shop, @Nullable String subject, @Nullable String sessionId, boolean adminIssued) {

    private static final Pattern CUSTOMER_GID = Pattern.compile("^gid://shopify/Customer/([0-9]{1,19})$");

    /** The signed-in customer of a customer-account token ({@code sub = gid://shopify/Customer/{id}}). */
    public Optional<Long> customerId() {
        if (subject == null) {
            return Optional.empty();
        }
        var matcher = CUSTOMER_GID.matcher(subject);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(matcher.group(1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
