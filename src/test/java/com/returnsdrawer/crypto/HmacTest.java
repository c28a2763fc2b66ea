package com.returnsdrawer.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Known-answer vectors, as the exact strings Shopify signs (shopify.dev: apps/build/webhooks/subscribe/https;
 * apps/build/online-store/app-proxies/authenticate-app-proxies; apps/build/authentication-authorization).
 */
class HmacTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void oauthQueryVector() {
        String message = "code=0907a61c0c8d55e99db179b68161bc00&shop=some-shop.myshopify.com&state=0.6784241404160823&timestamp=1337178173";
        assertEquals("700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf", Hmac.sha256Hex("hush", message));
    }

    @Test
    void appProxyVectorWithRepeatedKeysAndCustomer() {
        String message = "extra=1,2logged_in_customer_id=1path_prefix=/apps/awesome_reviewsshop=shop-name.myshopify.comtimestamp=1317327555";
        assertEquals("4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb", Hmac.sha256Hex("hush", message));
    }

    @Test
    void appProxyVectorWithEmptyCustomer() {
        String message = "extra=1,2logged_in_customer_id=path_prefix=/apps/awesome_reviewsshop=shop-name.myshopify.comtimestamp=1317327555";
        assertEquals("e072b6d7e6622d85912a5214b860d3100dc1e73d9bc29f43796ac8c9ff8093cb", Hmac.sha256Hex("hush", message));
    }

    @Test
    void appProxyVectorWithEncodedPathPrefix() {
        String message = "path_prefix=/apps/my-appshop=some-random-store.myshopify.comtimestamp=1466106083";
        assertEquals("f5cd7233558b1c50102a6f33c0b63ad1e1072a2fc126cb58d4500f75223cefcd", Hmac.sha256Hex("secret", message));
    }

    @Test
    void appProxyVectorWithBracketedKeys() {
        String message = "baz[1]=baz[2]=bbaz[c[0]]=whatupbaz[c[1]]=notmuchfoo=barpath_prefix=/apps/my-app"
                + "shop=some-random-store.myshopify.comtimestamp=1466106083";
        assertEquals("bbf3aa60e098f08919a2ea4c64a388414f164e6a117a63b03479ac7aa9464b4f", Hmac.sha256Hex("secret", message));
    }

    @Test
    void base64MatchesHexOfTheSameMac() {
        byte[] mac = Hmac.sha256(utf8("hush"), utf8("body"));
        assertEquals(java.util.Base64.getEncoder().encodeToString(mac), Hmac.sha256Base64(utf8("hush"), utf8("body")));
        assertEquals(java.util.HexFormat.of().formatHex(mac), Hmac.sha256Hex(utf8("hush"), utf8("body")));
    }

    @Test
    void verifiesWithCurrentOrPreviousSecretOnly() {
        byte[] message = utf8("{\"id\":1}");
        SigningSecrets rotating = new SigningSecrets("new-secret", "old-secret");
        String byOld = Hmac.sha256Base64(utf8("old-secret"), message);
        String byNew = Hmac.sha256Base64(utf8("new-secret"), message);
        String byOther = Hmac.sha256Base64(utf8("other"), message);
        assertTrue(rotating.verifyBase64(message, byOld));
        assertTrue(rotating.verifyBase64(message, byNew));
        assertFalse(rotating.verifyBase64(message, byOther));
        assertFalse(new SigningSecrets("new-secret", null).verifyBase64(message, byOld));
        assertEquals(byNew, rotating.signBase64(message));
    }

    @Test
    void hexVerificationAcceptsEitherCaseAndRejectsMalformed() {
        byte[] message = utf8("a=1");
        SigningSecrets secrets = new SigningSecrets("hush", null);
        String hex = secrets.signHex(message);
        assertTrue(secrets.verifyHex(message, hex));
        assertTrue(secrets.verifyHex(message, hex.toUpperCase()));
        assertFalse(secrets.verifyHex(message, hex.substring(1)));
        assertFalse(secrets.verifyHex(message, null));
        assertFalse(secrets.verifyHex(message, ""));
        assertFalse(secrets.verifyHex(utf8("a=2"), hex));
    }

    @Test
    void constantTimeEqualsHandlesNullsAndLengths() {
        assertTrue(ConstantTime.equals("abc", "abc"));
        assertFalse(ConstantTime.equals("abc", "abd"));
        assertFalse(ConstantTime.equals("abc", "abcd"));
        assertFalse(ConstantTime.equals((String) null, "abc"));
        assertFalse(ConstantTime.equals(new byte[]{1}, null));
    }
}
