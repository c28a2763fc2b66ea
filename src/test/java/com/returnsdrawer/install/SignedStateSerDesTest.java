package com.returnsdrawer.install;

import com.returnsdrawer.crypto.SigningSecrets;
import com.returnsdrawer.shopify.ShopDomain;
import io.micronaut.security.oauth2.endpoint.authorization.state.DefaultState;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignedStateSerDesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final ShopDomain SHOP = new ShopDomain("state-shop.myshopify.com");

    private static SignedStateSerDes at(Instant now, String current, String previous) {
        return new SignedStateSerDes(new SigningSecrets(current, previous), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static ShopState state(long expires) {
        return new ShopState("0123456789abcdef0123456789abcdef", SHOP, expires);
    }

    @Test
    void roundTripsAShopStateUntilItExpires() {
        SignedStateSerDes serDes = at(NOW, "secret", null);
        ShopState issued = state(NOW.plusSeconds(60).getEpochSecond());
        String value = serDes.serialize(issued);
        assertNotNull(value);
        assertTrue(value.matches("^[A-Za-z0-9_-]+\\.[0-9a-f]{64}$"), "URL-safe, no padding: " + value);
        assertEquals(issued, serDes.deserialize(value));
        assertEquals(issued, at(NOW.plusSeconds(60), "secret", null).deserialize(value), "valid through its last second");
        assertNull(at(NOW.plusSeconds(61), "secret", null).deserialize(value), "expired");
    }

    @Test
    void acceptsAStateSignedWithThePreviousSecretWhileRotating() {
        String value = at(NOW, "old-secret", null).serialize(state(NOW.plusSeconds(60).getEpochSecond()));
        assertNotNull(at(NOW, "new-secret", "old-secret").deserialize(value));
        assertNull(at(NOW, "new-secret", null).deserialize(value));
    }

    @Test
    void rejectsTamperedForgedOrMalformedStates() {
        SignedStateSerDes serDes = at(NOW, "secret", null);
        String value = serDes.serialize(state(NOW.plusSeconds(60).getEpochSecond()));
        int dot = value.lastIndexOf('.');
        String signature = value.substring(dot + 1);

        // Another shop or a later expiry under the old signature.
        String otherShop = b64("0123456789abcdef0123456789abcdef|evil-shop.myshopify.com|" + NOW.plusSeconds(60).getEpochSecond());
        assertNull(serDes.deserialize(otherShop + "." + signature));
        String longer = b64("0123456789abcdef0123456789abcdef|state-shop.myshopify.com|" + NOW.plusSeconds(86_400).getEpochSecond());
        assertNull(serDes.deserialize(longer + "." + signature));
        // A signature with one character changed, or made with another secret.
        char flipped = signature.charAt(0) == 'a' ? 'b' : 'a';
        assertNull(serDes.deserialize(value.substring(0, dot + 1) + flipped + signature.substring(1)));
        assertNull(serDes.deserialize(at(NOW, "attacker", null).serialize(state(NOW.plusSeconds(60).getEpochSecond()))));
        // Not ours at all.
        for (String junk : new String[]{null, "", ".", "abc", "abc.def", "!!!." + signature, "x".repeat(2000)}) {
            assertNull(serDes.deserialize(junk), String.valueOf(junk));
        }
    }

    @Test
    void writesOnlyShopStates() {
        assertNull(at(NOW, "secret", null).serialize(new DefaultState()));
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
