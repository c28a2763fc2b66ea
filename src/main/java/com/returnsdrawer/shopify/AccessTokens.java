package com.returnsdrawer.shopify;

/** Where the Admin API client gets a shop's access token, and a fresh one after Shopify answered 401. */
public interface AccessTokens {

    /** A usable access token, refreshed first when it is within 5 minutes of expiry. */
    String current(ShopDomain shop) throws NoTokenException;

    /** After a 401 for {@code rejected}: one refresh (or the token another caller refreshed meanwhile). */
    String afterUnauthorized(ShopDomain shop, String rejected) throws NoTokenException;

    /** The shop has no usable token (never installed with one, uninstalled, or its refresh token expired). */
    final class NoTokenException extends Exception {
        public NoTokenException(String message) {
            super(message);
        }
    }
}
