package com.returnsdrawer.shop;

import com.returnsdrawer.crypto.TokenCipher;
import com.returnsdrawer.db.Database;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.TokenGrant;
import com.returnsdrawer.support.Sql;
import com.returnsdrawer.support.TestDatabase;
import com.returnsdrawer.support.TestShops;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A rotation of TOKEN_ENCRYPTION_KEY: tokens sealed with key A, the app restarted with B (and A as previous). */
class TokenResealingTest {

    private static byte[] newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static ApplicationContext app(byte[] current, byte[] previous) {
        Map<String, Object> props = new HashMap<>(TestDatabase.properties());
        props.put("token.encryption-key", Base64.getEncoder().encodeToString(current));
        if (previous != null) {
            props.put("token.encryption-key-previous", Base64.getEncoder().encodeToString(previous));
        }
        return ApplicationContext.run(props, "test");
    }

    private static Map<String, Object> row(ApplicationContext app, ShopDomain shop) {
        return Sql.one(app.getBean(Database.class), "SELECT * FROM shops WHERE domain = ?", shop.value());
    }

    @Test
    void tokensSealedWithThePreviousKeyStayReadableAndAreSealedAgainWithTheCurrentOne() {
        byte[] a = newKey();
        byte[] b = newKey();
        ShopDomain read = TestShops.unique("rotate-read");
        ShopDomain idle = TestShops.unique("rotate-idle");
        Map<String, Object> before;
        try (ApplicationContext withA = app(a, null)) {
            withA.getBean(ShopTokens.class).store(read, new TokenGrant("shpat_read", "read_orders", 86_400L, "shprt_read", 7_776_000L));
            withA.getBean(ShopTokens.class).store(idle, new TokenGrant("shpat_idle", "read_orders", 86_400L, "shprt_idle", 7_776_000L));
            before = row(withA, idle);
        }
        try (ApplicationContext onlyB = app(b, null)) {
            assertFalse(onlyB.getBean(ShopTokens.class).hasUsableToken(read), "without the previous key nothing opens");
        }
        try (ApplicationContext rotated = app(b, a)) {
            // Read: still the same token, and its row is sealed with B from now on.
            assertTrue(sealedWith(a, row(rotated, read)), "sealed with A until read");
            assertTrue(rotated.getBean(ShopTokens.class).hasUsableToken(read));
            assertTrue(sealedWith(b, row(rotated, read)), String.valueOf(row(rotated, read).get("access_token")));
            // Not read: the background pass seals it again.
            assertTrue(rotated.getBean(TokenResealing.class).run() >= 1);
            Map<String, Object> after = row(rotated, idle);
            assertNotEquals(before.get("access_token"), after.get("access_token"));
            assertNotEquals(before.get("refresh_token"), after.get("refresh_token"));
            assertEquals(0, rotated.getBean(TokenResealing.class).run(), "nothing left to do");
        }
        TokenCipher bAlone = new TokenCipher(b);
        try (ApplicationContext onlyB = app(b, null)) {
            for (ShopDomain shop : new ShopDomain[] {read, idle}) {
                Map<String, Object> r = row(onlyB, shop);
                String name = shop.value().startsWith("rotate-read") ? "read" : "idle";
                assertEquals("shpat_" + name, bAlone.decrypt((String) r.get("access_token"), ShopTokens.context(shop, "access")));
                assertEquals("shprt_" + name, bAlone.decrypt((String) r.get("refresh_token"), ShopTokens.context(shop, "refresh")));
                assertTrue(onlyB.getBean(ShopTokens.class).hasUsableToken(shop), "the previous key can now be dropped");
            }
        }
    }

    private static boolean sealedWith(byte[] key, Map<String, Object> row) {
        String prefix = "v1." + TokenCipher.keyId(key) + ".";
        return String.valueOf(row.get("access_token")).startsWith(prefix) && String.valueOf(row.get("refresh_token")).startsWith(prefix);
    }
}
