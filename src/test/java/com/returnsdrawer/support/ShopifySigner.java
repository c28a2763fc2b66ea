package com.returnsdrawer.support;

import com.returnsdrawer.crypto.Hmac;

import java.nio.charset.StandardCharsets;

/**
 * Signs requests the way Shopify does, for tests acting as Shopify. Deliberately separate from the app's
 * verifiers: it is computed from SHOPIFY.md's rules, not from the code under test.
 */
public final class ShopifySigner {

    /** The secret of application-test.yml. */
    public static final String SECRET = "test-api-secret";

    private ShopifySigner() {
    }

    public static String webhookHmac(String secret, byte[] body) {
        return Hmac.sha256Base64(secret.getBytes(StandardCharsets.UTF_8), body);
    }
}
