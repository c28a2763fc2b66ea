package com.returnsdrawer.session;

import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.support.SessionTokens;
import com.returnsdrawer.support.ShopifySigner;
import com.returnsdrawer.support.TestShops;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way a session token can be wrong gets 401 with App Bridge's retry header; a good one gets through. */
@MicronautTest(transactional = false)
@Property(name = "shopify.api-secret-previous", value = "previous-secret")
class SessionTokenAuthenticationTest {

    @Inject
    EmbeddedServer server;
    @Inject
    ShopStore shops;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ShopDomain shop = TestShops.unique("admin");

    private HttpResponse<String> get(String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI() + path));
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertRejected(String bearer) throws Exception {
        HttpResponse<String> response = get("/api/compliance/requests", bearer);
        assertEquals(401, response.statusCode(), String.valueOf(bearer));
        assertEquals("1", response.headers().firstValue("X-Shopify-Retry-Invalid-Session-Request").orElse(null));
        assertFalse(response.body().contains("signature") || response.body().contains("expired"), response.body());
    }

    @Test
    void acceptsAValidTokenForAnInstalledShop() throws Exception {
        shops.findOrCreate(shop, Instant.now());
        HttpResponse<String> response = get("/api/compliance/requests", "Bearer " + SessionTokens.valid(shop));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("[]", response.body());
    }

    @Test
    void acceptsTheRotatedPreviousSecretAndClockSkewWithinTenSeconds() throws Exception {
        shops.findOrCreate(shop, Instant.now());
        String previous = SessionTokens.signedWith("previous-secret", SessionTokens.API_KEY, shop, Instant.now(), Duration.ofMinutes(1));
        assertEquals(200, get("/api/compliance/requests", "Bearer " + previous).statusCode());
        String skewed = SessionTokens.signedWith(ShopifySigner.SECRET, SessionTokens.API_KEY, shop,
                Instant.now().plusSeconds(5), Duration.ofMinutes(1));
        assertEquals(200, get("/api/compliance/requests", "Bearer " + skewed).statusCode(), "nbf 5 s ahead is within leeway");
        String justExpired = SessionTokens.signedWith(ShopifySigner.SECRET, SessionTokens.API_KEY, shop,
                Instant.now().minusSeconds(65), Duration.ofMinutes(1));
        assertEquals(200, get("/api/compliance/requests", "Bearer " + justExpired).statusCode(), "expired 5 s ago is within leeway");
    }

    @Test
    void rejectsEveryBadToken() throws Exception {
        shops.findOrCreate(shop, Instant.now());
        Instant now = Instant.now();
        String good = SessionTokens.valid(shop);
        assertRejected(null);
        assertRejected("Bearer ");
        assertRejected("Bearer not-a-jwt");
        assertRejected("Basic " + Base64.getEncoder().encodeToString("a:b".getBytes()));
        assertRejected("Bearer " + SessionTokens.signedWith("wrong-secret", SessionTokens.API_KEY, shop, now, Duration.ofMinutes(1)));
        assertRejected("Bearer " + SessionTokens.signedWith(ShopifySigner.SECRET, "another-app", shop, now, Duration.ofMinutes(1)));
        assertRejected("Bearer " + SessionTokens.signedWith(ShopifySigner.SECRET, SessionTokens.API_KEY, shop,
                now.minusSeconds(120), Duration.ofMinutes(1)));
        assertRejected("Bearer " + SessionTokens.signedWith(ShopifySigner.SECRET, SessionTokens.API_KEY, shop,
                now.plusSeconds(60), Duration.ofMinutes(1)));
        // A signature moved onto another payload.
        String[] parts = good.split("\\.");
        String otherPayload = SessionTokens.valid(TestShops.unique("other")).split("\\.")[1];
        assertRejected("Bearer " + parts[0] + "." + otherPayload + "." + parts[2]);
        // alg "none".
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        assertRejected("Bearer " + none + "." + parts[1] + ".");
    }

    @Test
    void rejectsATokenWhoseIssuerIsAnotherShop() throws Exception {
        shops.findOrCreate(shop, Instant.now());
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        long now = Instant.now().getEpochSecond();
        String payload = b64("{\"iss\":\"https://evil.myshopify.com/admin\",\"dest\":\"https://" + shop.value()
                + "\",\"aud\":\"" + SessionTokens.API_KEY + "\",\"sub\":\"1\",\"exp\":" + (now + 60) + ",\"nbf\":" + now + "}");
        String mac = Base64.getUrlEncoder().withoutPadding().encodeToString(com.returnsdrawer.crypto.Hmac.sha256(
                ShopifySigner.SECRET.getBytes(StandardCharsets.UTF_8), (header + "." + payload).getBytes(StandardCharsets.US_ASCII)));
        assertRejected("Bearer " + header + "." + payload + "." + mac);
    }

    @Test
    void rejectsATokenNotIssuedByTheShopsAdmin() throws Exception {
        shops.findOrCreate(shop, Instant.now());
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        long now = Instant.now().getEpochSecond();
        // A customer-account token: valid for this app and shop, but without the admin's iss.
        String payload = b64("{\"dest\":\"" + shop.value() + "\",\"aud\":\"" + SessionTokens.API_KEY
                + "\",\"sub\":\"gid://shopify/Customer/1\",\"exp\":" + (now + 60) + ",\"nbf\":" + now + "}");
        String mac = Base64.getUrlEncoder().withoutPadding().encodeToString(com.returnsdrawer.crypto.Hmac.sha256(
                ShopifySigner.SECRET.getBytes(StandardCharsets.UTF_8), (header + "." + payload).getBytes(StandardCharsets.US_ASCII)));
        assertRejected("Bearer " + header + "." + payload + "." + mac);
    }

    @Test
    void rejectsAShopThatIsNotInstalled() throws Exception {
        assertRejected("Bearer " + SessionTokens.valid(shop));
        shops.findOrCreate(shop, Instant.now());
        com.returnsdrawer.db.Database db = server.getApplicationContext().getBean(com.returnsdrawer.db.Database.class);
        db.withConnection(c -> c.createStatement().executeUpdate("UPDATE shops SET installed = FALSE WHERE domain = '" + shop.value() + "'"));
        assertRejected("Bearer " + SessionTokens.valid(shop));
    }

    @Test
    void exportsAreScopedToTheSessionsShop() throws Exception {
        shops.findOrCreate(shop, Instant.now());
        HttpResponse<String> response = get("/api/compliance/requests/999999999", "Bearer " + SessionTokens.valid(shop));
        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("not_found"));
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
