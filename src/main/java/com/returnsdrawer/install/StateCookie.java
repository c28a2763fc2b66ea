package com.returnsdrawer.install;

import com.returnsdrawer.crypto.SigningSecrets;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.ShopifyConfig;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The OAuth {@code state} nonce, kept in a signed, {@code HttpOnly}, 60-second cookie bound to the shop —
 * never in server memory, so any instance sharing the secret can finish an install another one began.
 */
@Singleton
class StateCookie {

    static final String NAME = "returns_drawer_oauth_state";
    static final Duration LIFETIME = Duration.ofSeconds(60);

    private final SigningSecrets secrets;
    private final boolean secure;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    StateCookie(SigningSecrets secrets, ShopifyConfig config) {
        this.secrets = secrets;
        this.secure = config.appUrl().startsWith("https:");
    }

    record Issued(String nonce, Cookie cookie) {
    }

    Issued issue(ShopDomain shop) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String nonce = HexFormat.of().formatHex(bytes);
        String payload = nonce + "|" + clock.instant().plus(LIFETIME).getEpochSecond() + "|" + shop.value();
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + secrets.signHex(payload.getBytes(StandardCharsets.UTF_8));
        return new Issued(nonce, cookie(value, LIFETIME.toSeconds()));
    }

    /** True when the request's cookie is ours, unexpired, for this shop, and holds exactly this state. */
    boolean matches(HttpRequest<?> request, String state, ShopDomain shop) {
        if (state == null || state.isEmpty()) {
            return false;
        }
        var cookie = request.getCookies().findCookie(NAME);
        if (cookie.isEmpty()) {
            return false;
        }
        String value = cookie.get().getValue();
        int dot = value.lastIndexOf('.');
        if (dot <= 0) {
            return false;
        }
        String payload;
        try {
            payload = new String(Base64.getUrlDecoder().decode(value.substring(0, dot)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!secrets.verifyHex(payload.getBytes(StandardCharsets.UTF_8), value.substring(dot + 1))) {
            return false;
        }
        String[] parts = payload.split("\\|", 3);
        if (parts.length != 3) {
            return false;
        }
        try {
            if (Long.parseLong(parts[1]) < clock.instant().getEpochSecond()) {
                return false;
            }
        } catch (NumberFormatException e) {
            return false;
        }
        return com.returnsdrawer.crypto.ConstantTime.equals(parts[0], state) && parts[2].equals(shop.value());
    }

    /** Expires the cookie once used. */
    Cookie cleared() {
        return cookie("", 0);
    }

    private Cookie cookie(String value, long maxAge) {
        return Cookie.of(NAME, value).httpOnly(true).secure(secure).sameSite(SameSite.Lax).path("/auth").maxAge(maxAge);
    }
}
