package com.returnsdrawer.session;

import com.returnsdrawer.crypto.Hmac;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.support.ShopifySigner;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Session-token verification through micronaut-security-jwt's validators, claim by claim. */
@MicronautTest
@Property(name = "shopify.api-secret-previous", value = "previous-secret")
class SessionTokenVerifierTest {

    private static final ShopDomain SHOP = new ShopDomain("verify-shop.myshopify.com");
    private static final String AUD = "test-api-key";

    private final long now = Instant.now().getEpochSecond();

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String token(String alg, String secret, String claims) {
        String signingInput = b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + b64(claims);
        byte[] mac;
        if (alg.equals("HS512")) {
            try {
                Mac hmac = Mac.getInstance("HmacSHA512");
                hmac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
                mac = hmac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        } else {
            mac = Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), signingInput.getBytes(StandardCharsets.US_ASCII));
        }
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    private String admin(String aud, String dest, String iss, long nbf, long exp) {
        return "{\"iss\":\"" + iss + "\",\"dest\":\"" + dest + "\",\"aud\":\"" + aud + "\",\"sub\":\"42\",\"exp\":" + exp
                + ",\"nbf\":" + nbf + ",\"iat\":" + nbf + ",\"jti\":\"j\",\"sid\":\"s\"}";
    }

    private String good() {
        return admin(AUD, "https://" + SHOP.value(), "https://" + SHOP.value() + "/admin", now, now + 60);
    }

    @Test
    void acceptsAnAdminTokenWithItsShopUserAndSession(SessionTokenVerifier verifier) {
        Optional<SessionToken> token = verifier.verify(token("HS256", ShopifySigner.SECRET, good()), null);
        assertEquals(Optional.of(new SessionToken(SHOP, "42", "s", true)), token);
    }

    @Test
    void acceptsThePreviousSecretAndRejectsAnyOther(SessionTokenVerifier verifier) {
        assertTrue(verifier.verify(token("HS256", "previous-secret", good()), null).isPresent());
        assertTrue(verifier.verify(token("HS256", "wrong-secret", good()), null).isEmpty());
    }

    @Test
    void appliesExpiryAndNotBeforeWithTenSecondsLeeway(SessionTokenVerifier verifier) {
        String dest = "https://" + SHOP.value();
        String iss = dest + "/admin";
        assertTrue(verifier.verify(token("HS256", ShopifySigner.SECRET, admin(AUD, dest, iss, now - 65, now - 5)), null).isPresent());
        assertTrue(verifier.verify(token("HS256", ShopifySigner.SECRET, admin(AUD, dest, iss, now - 80, now - 20)), null).isEmpty(), "expired");
        assertTrue(verifier.verify(token("HS256", ShopifySigner.SECRET, admin(AUD, dest, iss, now + 5, now + 65)), null).isPresent());
        assertTrue(verifier.verify(token("HS256", ShopifySigner.SECRET, admin(AUD, dest, iss, now + 30, now + 90)), null).isEmpty(), "not yet valid");
        String noExp = "{\"iss\":\"" + iss + "\",\"dest\":\"" + dest + "\",\"aud\":\"" + AUD + "\",\"nbf\":" + now + "}";
        assertTrue(verifier.verify(token("HS256", ShopifySigner.SECRET, noExp), null).isEmpty(), "no exp");
    }

    @Test
    void rejectsAnotherAppsAudience(SessionTokenVerifier verifier) {
        String dest = "https://" + SHOP.value();
        assertTrue(verifier.verify(token("HS256", ShopifySigner.SECRET, admin("another-app", dest, dest + "/admin", now, now + 60)), null).isEmpty());
    }

    @Test
    void rejectsADestThatIsNotAShopOrAnIssuerOfAnotherShop(SessionTokenVerifier verifier) {
        String iss = "https://" + SHOP.value() + "/admin";
        for (String dest : new String[]{"https://evil.com", "http://" + SHOP.value(), "https://" + SHOP.value() + ":8443",
                "https://user@" + SHOP.value(), "https://" + SHOP.value() + "/other", "evil.com", ""}) {
            assertTrue(verifier.verify(token("HS256", ShopifySigner.SECRET, admin(AUD, dest, iss, now, now + 60)), null).isEmpty(), dest);
        }
        assertTrue(verifier.verify(token("HS256", ShopifySigner.SECRET,
                admin(AUD, "https://" + SHOP.value(), "https://other-shop.myshopify.com/admin", now, now + 60)), null).isEmpty());
    }

    @Test
    void readsACustomerAccountTokenWithABareDestAndACustomerSubject(SessionTokenVerifier verifier) {
        String claims = "{\"dest\":\"" + SHOP.value() + "\",\"aud\":\"" + AUD + "\",\"sub\":\"gid://shopify/Customer/1001\",\"exp\":"
                + (now + 60) + ",\"nbf\":" + now + "}";
        SessionToken token = verifier.verify(token("HS256", ShopifySigner.SECRET, claims), null).orElseThrow();
        assertEquals(SHOP, token.shop());
        assertFalse(token.adminIssued());
        assertEquals(Optional.of(1001L), token.customerId());
    }

    @Test
    void rejectsUnsignedAndOtherAlgorithms(SessionTokenVerifier verifier) {
        assertTrue(verifier.verify(b64("{\"alg\":\"none\"}") + "." + b64(good()) + ".", null).isEmpty(), "alg none");
        assertTrue(verifier.verify(b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(good()) + ".", null).isEmpty(), "alg none");
        assertTrue(verifier.verify(token("HS512", ShopifySigner.SECRET, good()), null).isEmpty(), "HS512");
        String signed = token("HS256", ShopifySigner.SECRET, good());
        assertTrue(verifier.verify(signed.substring(0, signed.lastIndexOf('.') + 1), null).isEmpty(), "signature stripped");
        for (String junk : new String[]{null, "", " ", "not-a-jwt", "a.b.c", "x".repeat(9000)}) {
            assertTrue(verifier.verify(junk, null).isEmpty(), String.valueOf(junk));
        }
    }
}
