package com.returnsdrawer.settings;

import com.returnsdrawer.crypto.TokenCipher;
import com.returnsdrawer.db.Database;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.support.Sql;
import com.returnsdrawer.support.TestDatabase;
import com.returnsdrawer.support.TestShops;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A rotation of TOKEN_ENCRYPTION_KEY for provider API keys: sealed with key A, the app restarted with B and A. */
class ApiKeyResealingTest {

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

    private static String context(long shopId) {
        return "shop:" + shopId + "/settings.provider_api_key";
    }

    @Test
    void aProviderApiKeySealedWithThePreviousKeyIsSealedAgainWithTheCurrentOne() {
        byte[] a = newKey();
        byte[] b = newKey();
        long shopId;
        String sealedWithA;
        try (ApplicationContext withA = app(a, null)) {
            shopId = withA.getBean(ShopStore.class).findOrCreate(TestShops.unique("rotate-key"), Instant.now()).id();
            sealedWithA = new TokenCipher(a).encrypt("loop-secret-key-1", context(shopId));
            Database db = withA.getBean(Database.class);
            db.withConnection(c -> {
                try (var ps = c.prepareStatement("INSERT INTO settings (shop_id, provider, portal_url, enabled, return_trigger, "
                        + "provider_api_key, updated_at) VALUES (?, 'loop', 'https://returns.example.com', TRUE, 'delivered', ?, ?)")) {
                    ps.setLong(1, shopId);
                    ps.setString(2, sealedWithA);
                    ps.setObject(3, java.time.LocalDateTime.now());
                    return ps.executeUpdate();
                }
            });
        }
        try (ApplicationContext rotated = app(b, a)) {
            assertTrue(rotated.getBean(ApiKeyResealing.class).run() >= 1);
            assertEquals(0, rotated.getBean(ApiKeyResealing.class).run(), "nothing left to do");
            String stored = (String) Sql.one(rotated.getBean(Database.class),
                    "SELECT provider_api_key FROM settings WHERE shop_id = ?", shopId).get("provider_api_key");
            assertNotEquals(sealedWithA, stored);
            assertEquals("loop-secret-key-1", new TokenCipher(b).decrypt(stored, context(shopId)), "B alone opens it");
        }
    }
}
