package com.returnsdrawer.support;

import com.returnsdrawer.crypto.Hmac;
import com.returnsdrawer.shopify.ShopDomain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Session tokens as Shopify gives a customer account UI extension ({@code shopify.sessionToken.get()}): HS256,
 * {@code dest} the shop's domain, {@code sub} the signed-in customer's GID, no {@code iss}. Each claim can be changed
 * or left out to make every kind of bad token.
 */
public final class CustomerTokens {

    private final Map<String, Object> claims = new LinkedHashMap<>();
    private String secret = ShopifySigner.SECRET;

    private CustomerTokens(ShopDomain shop, Long customerId) {
        long now = Instant.now().getEpochSecond();
        claims.put("dest", shop.value());
        claims.put("aud", SessionTokens.API_KEY);
        if (customerId != null) {
            claims.put("sub", "gid://shopify/Customer/" + customerId);
        }
        claims.put("exp", now + 60);
        claims.put("nbf", now);
        claims.put("iat", now);
        claims.put("jti", "jti-" + now);
    }

    /** A valid token of {@code customerId} (null: nobody signed in) in {@code shop}. */
    public static CustomerTokens of(ShopDomain shop, Long customerId) {
        return new CustomerTokens(shop, customerId);
    }

    /** Sets a claim; null removes it. */
    public CustomerTokens claim(String name, Object value) {
        if (value == null) {
            claims.remove(name);
        } else {
            claims.put(name, value);
        }
        return this;
    }

    public CustomerTokens signedWith(String secret) {
        this.secret = secret;
        return this;
    }

    public String token() {
        String signingInput = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(new String(Json.bytes(claims), StandardCharsets.UTF_8));
        byte[] mac = Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
