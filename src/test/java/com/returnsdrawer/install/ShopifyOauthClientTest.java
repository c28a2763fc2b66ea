package com.returnsdrawer.install;

import com.returnsdrawer.crypto.SigningSecrets;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.support.ShopifySigner;
import com.returnsdrawer.support.TestShops;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.simple.SimpleHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OAuth client's two halves without Shopify: the authorize redirect for a shop, and the callback's state checks. */
@MicronautTest
class ShopifyOauthClientTest {

    private static final String COOKIE = "returns_drawer_oauth_state";

    private record Begun(String location, String state, String cookie) {
    }

    private static Begun begin(ShopifyOauthClient client, ShopDomain shop) {
        MutableHttpResponse<?> response = client.begin(get("/auth?shop=" + shop.value()));
        assertEquals(302, response.code());
        String location = response.getHeaders().get(HttpHeaders.LOCATION);
        String state = URLDecoder.decode(location.substring(location.indexOf("&state=") + 7), StandardCharsets.UTF_8);
        String cookie = response.getCookie(COOKIE).orElseThrow().getValue();
        return new Begun(location, state, cookie);
    }

    private static HttpRequest<?> callback(ShopDomain shop, String state, String code, String cookie) {
        Map<String, String> params = new LinkedHashMap<>();
        if (code != null) {
            params.put("code", code);
        }
        params.put("shop", shop.value());
        params.put("state", state);
        params.put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
        var request = get("/auth/callback?" + ShopifySigner.signedAdminQuery(ShopifySigner.SECRET, params));
        return cookie == null ? request : request.cookie(Cookie.of(COOKIE, cookie));
    }

    /** A server-side request as the controller sees it (the client's request type has no cookie jar). */
    private static MutableHttpRequest<?> get(String uri) {
        return new SimpleHttpRequest<>(HttpMethod.GET, uri, null);
    }

    private static void assertRefused(ShopifyOauthClient.Refusal expected, AuthenticationResponse response) {
        assertFalse(response.isAuthenticated());
        assertEquals(expected.name(), response.getMessage().orElse(null));
    }

    @Test
    void redirectsToTheShopsAuthorizeUrlWithTheStateOfItsCookie(ShopifyOauthClient client) {
        ShopDomain shop = TestShops.unique("authorize");
        Begun begun = begin(client, shop);
        assertEquals("https://" + shop.value() + "/admin/oauth/authorize?client_id=test-api-key&scope=read_orders%2Cread_returns%2Cwrite_app_proxy"
                + "&redirect_uri=https%3A%2F%2Freturns-drawer.test%2Fauth%2Fcallback&state="
                + begun.location().substring(begun.location().indexOf("&state=") + 7), begun.location());
        assertEquals(begun.state(), begun.cookie(), "the cookie carries the same signed state");
        assertTrue(begun.state().contains(".") && !begun.state().contains(shop.value()), "signed, the shop not in clear");
        assertFalse(begin(client, shop).state().equals(begun.state()), "a fresh nonce each time");
    }

    @Test
    void refusesToBeginWithoutAValidShopOrWithABadSignature(ShopifyOauthClient client) {
        assertEquals(400, client.begin(get("/auth")).code());
        assertEquals(400, client.begin(get("/auth?shop=evil.com")).code());
        assertEquals(400, client.begin(get("/auth?shop=a.myshopify.com&timestamp=1&hmac=00")).code());
    }

    @Test
    void acceptsTheStateOnlyWithItsOwnCookieAndShop(ShopifyOauthClient client) {
        ShopDomain shop = TestShops.unique("callback");
        Begun begun = begin(client, shop);
        // The state holds: the callback goes on to the code, which is missing here (so Shopify is never called).
        assertRefused(ShopifyOauthClient.Refusal.CODE, client.callback(callback(shop, begun.state(), null, begun.cookie())));

        assertRefused(ShopifyOauthClient.Refusal.STATE, client.callback(callback(shop, begun.state(), "code", null)));
        assertRefused(ShopifyOauthClient.Refusal.STATE, client.callback(callback(shop, "other", "code", begun.cookie())));
        Begun another = begin(client, shop);
        assertRefused(ShopifyOauthClient.Refusal.STATE, client.callback(callback(shop, begun.state(), "code", another.cookie())));
        Begun otherShop = begin(client, TestShops.unique("othershop"));
        assertRefused(ShopifyOauthClient.Refusal.STATE, client.callback(callback(shop, otherShop.state(), "code", otherShop.cookie())));
        String tampered = begun.cookie().substring(0, begun.cookie().length() - 1) + (begun.cookie().endsWith("a") ? "b" : "a");
        assertRefused(ShopifyOauthClient.Refusal.STATE, client.callback(callback(shop, tampered, "code", tampered)));
    }

    @Test
    void refusesAnExpiredState(ShopifyOauthClient client) {
        ShopDomain shop = TestShops.unique("expired");
        Instant earlier = Instant.now().minusSeconds(120);
        String expired = new SignedStateSerDes(new SigningSecrets(ShopifySigner.SECRET, null), Clock.fixed(earlier, ZoneOffset.UTC))
                .serialize(new ShopState("00112233445566778899aabbccddeeff", shop, earlier.plusSeconds(60).getEpochSecond()));
        assertRefused(ShopifyOauthClient.Refusal.STATE, client.callback(callback(shop, expired, "code", expired)));
    }

    @Test
    void refusesABadSignatureBeforeLookingAtTheState(ShopifyOauthClient client) {
        ShopDomain shop = TestShops.unique("badhmac");
        Begun begun = begin(client, shop);
        var request = get("/auth/callback?code=c&shop=" + shop.value() + "&state=" + begun.state()
                + "&timestamp=" + Instant.now().getEpochSecond() + "&hmac=" + "0".repeat(64)).cookie(Cookie.of(COOKIE, begun.cookie()));
        assertRefused(ShopifyOauthClient.Refusal.SIGNATURE, client.callback(request));
    }
}
