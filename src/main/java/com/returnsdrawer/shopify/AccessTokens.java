package com.returnsdrawer.shopify;

/** Where the Admin API client gets a shop's access token, and a fresh one after Shopify answered 401. */
public interface AccessTokens {

    /** A usable access token, refreshed first when it is within 5 minutes of expiry. */
    String current(ShopDomain shop) throws NoTokenException;

    /** After a 401 for {@code rejected}: one refresh (or the token another caller refreshed meanwhile). */
    String afterUnauthorized(ShopDomain shop, String rejected) throws NoTokenException;

    /**
     * No usable token now. {@code temporary}: the shop keeps its tokens and a later attempt may succeed (the
     * token endpoint failed, or another refresh is under way); otherwise the shop has none (never installed
     * with one, uninstalled, or Shopify said the grant is dead).
     */
    final class NoTokenException extends Exception {
        private final boolean temporary;

        public NoTokenException(String message) {
            this(message, false);
        }

        public NoTokenException(String message, boolean temporary) {
            super(message);
            this.temporary = temporary;
        }

        public boolean temporary() {
            return temporary;
        }
    }
}
