package com.returnsdrawer.proxy;

import com.returnsdrawer.crypto.SigningSecrets;
import com.returnsdrawer.support.ShopifySigner;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class ProxyVerifierTest {

    private static ProxyVerifier verifier(String secret, long now) {
        return new ProxyVerifier(new SigningSecrets(secret, "old-" + secret), 90, Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC));
    }

    @Test
    void shopifyVectorWithRepeatedKeysAndLoggedInCustomer() {
        String query = "extra=1&extra=2&shop=shop-name.myshopify.com&path_prefix=%2Fapps%2Fawesome_reviews&timestamp=1317327555"
                + "&logged_in_customer_id=1&signature=4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb";
        ProxyRequest request = verifier("hush", 1317327555).verify(query);
        assertNotNull(request);
        assertEquals(1L, request.customerId());
        assertEquals("shop-name.myshopify.com", request.shop().value());
        // The controllers read the query from the verified request: decoded once, first value of a repeated key.
        assertEquals("1", request.parameter("extra"));
        assertEquals(List.of("1", "2"), request.parameters().get("extra"));
        assertEquals("/apps/awesome_reviews", request.parameter("path_prefix"));
        assertNull(request.parameter("signature"));
        assertNull(request.parameter("format"));
    }

    @Test
    void shopifyVectorWithEmptyCustomer() {
        String query = "extra=1&extra=2&shop=shop-name.myshopify.com&path_prefix=/apps/awesome_reviews&timestamp=1317327555"
                + "&logged_in_customer_id=&signature=e072b6d7e6622d85912a5214b860d3100dc1e73d9bc29f43796ac8c9ff8093cb";
        ProxyRequest request = verifier("hush", 1317327555).verify(query);
        assertNotNull(request);
        assertNull(request.customerId());
    }

    @Test
    void shopifyVectorsWithEncodedPrefixAndBracketedKeys() {
        String base = "shop=some-random-store.myshopify.com&path_prefix=%2Fapps%2Fmy-app&timestamp=1466106083";
        assertNotNull(verifier("secret", 1466106083).verify(base + "&signature=f5cd7233558b1c50102a6f33c0b63ad1e1072a2fc126cb58d4500f75223cefcd"));
        String brackets = base + "&foo=bar&baz[1]&baz[2]=b&baz[c[0]]=whatup&baz[c[1]]=notmuch"
                + "&signature=bbf3aa60e098f08919a2ea4c64a388414f164e6a117a63b03479ac7aa9464b4f";
        assertNotNull(verifier("secret", 1466106083).verify(brackets));
    }

    @Test
    void rejectsTamperingStaleTimestampsAndMissingSignature() {
        String query = "extra=1&extra=2&shop=shop-name.myshopify.com&path_prefix=/apps/awesome_reviews&timestamp=1317327555"
                + "&logged_in_customer_id=1&signature=4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb";
        assertNull(verifier("hush", 1317327555).verify(query.replace("logged_in_customer_id=1", "logged_in_customer_id=2")));
        assertNull(verifier("hush", 1317327555 + 91).verify(query));
        assertNull(verifier("hush", 1317327555).verify(query.substring(0, query.indexOf("&signature="))));
        assertNull(verifier("other", 1317327555).verify(query));
        assertNotNull(verifier("hush", 1317327555 - 90).verify(query));
    }

    @Test
    void acceptsThePreviousSecret() {
        long now = Instant.now().getEpochSecond();
        String query = ShopifySigner.signedProxyQuery("old-hush", List.of(Map.entry("shop", "x.myshopify.com"),
                Map.entry("logged_in_customer_id", "5"), Map.entry("path_prefix", "/apps/x"), Map.entry("timestamp", String.valueOf(now))));
        assertNotNull(verifier("hush", now).verify(query));
    }

    @Test
    void randomizedQueriesAgreeWithAnIndependentImplementation() {
        Random random = new Random(20261122);
        String[] keys = {"a", "b", "z", "extra", "baz[1]", "baz[c[0]]", "ü", "ключ", "k-y", "A", "_", "é"};
        String[] values = {"", "1", "two words", "a,b", "x=y", "ä&ö", "😀", "/apps/x", "%41", "+plus"};
        long now = 1_800_000_000L;
        for (int round = 0; round < 500; round++) {
            List<Map.Entry<String, String>> pairs = new ArrayList<>();
            int n = 1 + random.nextInt(6);
            for (int i = 0; i < n; i++) {
                pairs.add(Map.entry(keys[random.nextInt(keys.length)], values[random.nextInt(values.length)]));
            }
            pairs.add(Map.entry("shop", "rand.myshopify.com"));
            pairs.add(Map.entry("logged_in_customer_id", random.nextBoolean() ? "" : "42"));
            pairs.add(Map.entry("path_prefix", "/apps/returns-drawer"));
            pairs.add(Map.entry("timestamp", String.valueOf(now)));
            java.util.Collections.shuffle(pairs, random);
            String query = ShopifySigner.signedProxyQuery("s3cret", pairs);
            assertNotNull(verifier("s3cret", now).verify(query), query);
            String tampered = query.replaceFirst("timestamp=" + now, "timestamp=" + (now + 1));
            assertNull(verifier("s3cret", now).verify(tampered), tampered);
        }
    }
}
