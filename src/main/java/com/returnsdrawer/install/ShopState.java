package com.returnsdrawer.install;

import com.returnsdrawer.shopify.ShopDomain;
import io.micronaut.security.oauth2.endpoint.authorization.state.State;

/**
 * The OAuth {@code state} of one install: a random nonce, the shop it was begun for and when it expires. It is
 * carried signed (see {@link SignedStateSerDes}) in both the {@code state} parameter and the state cookie.
 */
record ShopState(String nonce, ShopDomain shop, long expiresAtEpochSecond) implements State {

    @Override
    public String getNonce() {
        return nonce;
    }
}
