package com.returnsdrawer.support;

import com.returnsdrawer.session.SessionTokenMinter;
import com.returnsdrawer.shopify.ShopDomain;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** Session tokens as App Bridge presents them, signed with the test secret for the test client id. */
public final class SessionTokens {

    public static final String API_KEY = "test-api-key";

    private SessionTokens() {
    }

    public static String valid(ShopDomain shop) {
        return SessionTokenMinter.mint(ShopifySigner.SECRET.getBytes(StandardCharsets.UTF_8), API_KEY, shop, "42",
                Instant.now(), Duration.ofMinutes(1));
    }

    public static String signedWith(String secret, String apiKey, ShopDomain shop, Instant issuedAt, Duration lifetime) {
        return SessionTokenMinter.mint(secret.getBytes(StandardCharsets.UTF_8), apiKey, shop, "42", issuedAt, lifetime);
    }
}
