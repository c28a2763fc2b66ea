package com.returnsdrawer.session;

import com.returnsdrawer.crypto.Hmac;
import com.returnsdrawer.shopify.ShopDomain;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Mints an admin session token as App Bridge presents one (the local dev page, and tests): HS256, the given secret. */
public final class SessionTokenMinter {

    private SessionTokenMinter() {
    }

    public static String mint(byte[] secret, String apiKey, ShopDomain shop, String userId, Instant now, Duration lifetime) {
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String payload = b64("{\"iss\":\"https://" + shop.value() + "/admin\",\"dest\":\"https://" + shop.value()
                + "\",\"aud\":\"" + apiKey + "\",\"sub\":\"" + userId + "\",\"exp\":" + now.plus(lifetime).getEpochSecond()
                + ",\"nbf\":" + now.getEpochSecond() + ",\"iat\":" + now.getEpochSecond() + ",\"jti\":\""
                + UUID.randomUUID() + "\",\"sid\":\"" + UUID.randomUUID() + "\"}");
        String signingInput = header + "." + payload;
        byte[] mac = Hmac.sha256(secret, signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
