package com.returnsdrawer.install;

import com.returnsdrawer.crypto.SigningSecrets;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstallRequestVerifierTest {

    private static final String QUERY = "code=0907a61c0c8d55e99db179b68161bc00&shop=some-shop.myshopify.com"
            + "&state=0.6784241404160823&timestamp=1337178173";
    private static final String HMAC = "700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf";

    private static InstallRequestVerifier at(long epochSecond) {
        return new InstallRequestVerifier(new SigningSecrets("hush", null), 90,
                Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    @Test
    void verifiesShopifysOauthVectorInAnyParameterOrder() {
        assertTrue(at(1337178173).verify(QUERY + "&hmac=" + HMAC).valid());
        assertTrue(at(1337178173).verify("hmac=" + HMAC + "&timestamp=1337178173&state=0.6784241404160823"
                + "&shop=some-shop.myshopify.com&code=0907a61c0c8d55e99db179b68161bc00").valid());
    }

    @Test
    void rejectsWrongHmacOrChangedParameter() {
        assertEquals("hmac", at(1337178173).verify(QUERY + "&hmac=" + HMAC.replace('7', '8')).reason());
        assertEquals("hmac", at(1337178173).verify(QUERY.replace("state=0.67", "state=0.68") + "&hmac=" + HMAC).reason());
        assertEquals("hmac", at(1337178173).verify(QUERY).reason());
    }

    @Test
    void rejectsTimestampsOutsideTheWindow() {
        assertTrue(at(1337178173 + 90).verify(QUERY + "&hmac=" + HMAC).valid());
        assertEquals("timestamp", at(1337178173 + 91).verify(QUERY + "&hmac=" + HMAC).reason());
        assertEquals("timestamp", at(1337178173 - 91).verify(QUERY + "&hmac=" + HMAC).reason());
    }

    @Test
    void rejectsHostileShopsBeforeAnythingElse() {
        assertEquals("shop", at(0).verify("shop=evil.com&hmac=x").reason());
        assertEquals("shop", at(0).verify("shop=x.myshopify.com.evil.com&hmac=x").reason());
    }

    @Test
    void unsignedPassesOnlyWhenAllowedAndAPresentHmacMustStillHold() {
        assertTrue(at(0).verify("shop=some-shop.myshopify.com&embedded=1", true).valid());
        assertFalse(at(0).verify("shop=some-shop.myshopify.com&embedded=1", true).signed());
        assertFalse(at(0).verify("shop=some-shop.myshopify.com&embedded=1&hmac=00", true).valid());
    }

    @Test
    void escapesSeparatorsInTheSignedMessage() {
        TreeMap<String, String> params = new TreeMap<>();
        params.put("a", "1&b=2");
        params.put("c%", "x");
        assertEquals("a=1%26b=2&c%25=x", InstallRequestVerifier.message(params));
    }
}
