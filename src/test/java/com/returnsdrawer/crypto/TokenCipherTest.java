package com.returnsdrawer.crypto;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenCipherTest {

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed + i);
        }
        return key;
    }

    @Test
    void roundTripsAndNeverStoresPlainText() {
        TokenCipher cipher = new TokenCipher(key(1));
        String sealed = cipher.encrypt("shpat_secret_token", "shop-a.myshopify.com/access");
        assertFalse(sealed.contains("shpat_secret_token"));
        assertEquals("shpat_secret_token", cipher.decrypt(sealed, "shop-a.myshopify.com/access"));
    }

    @Test
    void usesAFreshNonceForEveryValue() {
        TokenCipher cipher = new TokenCipher(key(1));
        assertNotEquals(cipher.encrypt("same", "ctx"), cipher.encrypt("same", "ctx"));
    }

    @Test
    void prefixesVersionAndKeyId() {
        TokenCipher cipher = new TokenCipher(key(1));
        String sealed = cipher.encrypt("x", "ctx");
        assertTrue(sealed.startsWith("v1." + TokenCipher.keyId(key(1)) + "."), sealed);
        assertEquals(8, TokenCipher.keyId(key(1)).length());
    }

    @Test
    void rejectsTamperingAnotherContextAndAnotherKey() {
        TokenCipher cipher = new TokenCipher(key(1));
        String sealed = cipher.encrypt("token", "shop-a/access");
        byte[] raw = Base64.getUrlDecoder().decode(sealed.substring(sealed.lastIndexOf('.') + 1));
        raw[raw.length - 1] ^= 1;
        String tampered = sealed.substring(0, sealed.lastIndexOf('.') + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        assertThrows(TokenCipher.DecryptionException.class, () -> cipher.decrypt(tampered, "shop-a/access"));
        assertThrows(TokenCipher.DecryptionException.class, () -> cipher.decrypt(sealed, "shop-b/access"));
        assertThrows(TokenCipher.DecryptionException.class, () -> new TokenCipher(key(2)).decrypt(sealed, "shop-a/access"));
        assertThrows(TokenCipher.DecryptionException.class, () -> cipher.decrypt("v1.zz", "shop-a/access"));
        assertThrows(TokenCipher.DecryptionException.class, () -> cipher.decrypt("v2.abc.def", "shop-a/access"));
    }

    /** A value that opened before is remembered, but only for exactly that sealed value and context. */
    @Test
    void aValueOpenedBeforeStillChecksItsContextAndATamperedCopy() {
        TokenCipher cipher = new TokenCipher(key(1));
        String sealed = cipher.encrypt("lp_key", "shop:1/settings.provider_api_key");
        assertEquals("lp_key", cipher.decrypt(sealed, "shop:1/settings.provider_api_key"));
        assertEquals("lp_key", cipher.decrypt(sealed, "shop:1/settings.provider_api_key"));
        assertThrows(TokenCipher.DecryptionException.class, () -> cipher.decrypt(sealed, "shop:2/settings.provider_api_key"));
        byte[] raw = Base64.getUrlDecoder().decode(sealed.substring(sealed.lastIndexOf('.') + 1));
        raw[raw.length - 1] ^= 1;
        String tampered = sealed.substring(0, sealed.lastIndexOf('.') + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        assertThrows(TokenCipher.DecryptionException.class, () -> cipher.decrypt(tampered, "shop:1/settings.provider_api_key"));
        // A replaced secret is another sealed value, which opens to the new secret.
        String replaced = cipher.encrypt("lp_key_2", "shop:1/settings.provider_api_key");
        assertEquals("lp_key_2", cipher.decrypt(replaced, "shop:1/settings.provider_api_key"));
        assertEquals("lp_key", cipher.decrypt(sealed, "shop:1/settings.provider_api_key"));
    }

    @Test
    void moreValuesThanItRemembersAllStillOpen() {
        TokenCipher cipher = new TokenCipher(key(1));
        List<String> sealed = new java.util.ArrayList<>();
        for (int i = 0; i < TokenCipher.REMEMBERED + 10; i++) {
            sealed.add(cipher.encrypt("token-" + i, "shop:" + i));
        }
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < sealed.size(); i++) {
                assertEquals("token-" + i, cipher.decrypt(sealed.get(i), "shop:" + i));
            }
        }
    }

    @Test
    void olderKeysStillOpenValuesAfterRotation() {
        String sealedByOld = new TokenCipher(key(1)).encrypt("token", "ctx");
        TokenCipher rotated = new TokenCipher(key(2), List.of(key(1)));
        assertEquals("token", rotated.decrypt(sealedByOld, "ctx"));
        assertTrue(rotated.encrypt("token", "ctx").contains("." + TokenCipher.keyId(key(2)) + "."));
    }

    @Test
    void refusesKeysOfTheWrongSize() {
        assertThrows(IllegalArgumentException.class, () -> new TokenCipher(new byte[16]));
    }
}
