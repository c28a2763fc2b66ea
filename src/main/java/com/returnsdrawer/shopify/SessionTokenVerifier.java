package com.returnsdrawer.shopify;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.returnsdrawer.crypto.SigningSecrets;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Verifies Shopify's session tokens (the {@code Authorization: Bearer} of admin fetches and the {@code id_token}
 * of embedded document loads): HS256 under the current or previous secret, {@code aud} = client id,
 * {@code exp}/{@code nbf} with 10 s leeway, {@code dest} a valid shop whose host {@code iss} shares
 * (shopify.dev: apps/build/authentication-authorization/session-tokens).
 */
@Singleton
public class SessionTokenVerifier {

    static final Duration LEEWAY = Duration.ofSeconds(10);

    private final SigningSecrets secrets;
    private final String apiKey;
    private final Clock clock;

    @jakarta.inject.Inject
    public SessionTokenVerifier(SigningSecrets secrets, ShopifyConfig config) {
        this(secrets, config.apiKey(), Clock.systemUTC());
    }

    SessionTokenVerifier(SigningSecrets secrets, String apiKey, Clock clock) {
        this.secrets = secrets;
        this.apiKey = apiKey;
        this.clock = clock;
    }

    /** A verified token: the shop it is for and the staff user ({@code sub}). */
    public record Session(ShopDomain shop, @Nullable String userId, @Nullable String sessionId) {
    }

    /** Valid with its session, or invalid with a reason for logs (never shown to callers). */
    public record Result(@Nullable Session session, @Nullable String reason) {
        public boolean valid() {
            return session != null;
        }

        static Result invalid(String reason) {
            return new Result(null, reason);
        }
    }

    public Result verify(@Nullable String token) {
        if (token == null || token.isBlank() || token.length() > 8192) {
            return Result.invalid("missing");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token.trim());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return Result.invalid("malformed");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            return Result.invalid("algorithm");
        }
        byte[] signingInput = jwt.getSigningInput();
        String signature = jwt.getSignature().toString();
        if (!verifySignature(signingInput, signature)) {
            return Result.invalid("signature");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(apiKey)) {
            return Result.invalid("audience");
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null || now.isAfter(exp.toInstant().plus(LEEWAY))) {
            return Result.invalid("expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(LEEWAY).isBefore(nbf.toInstant())) {
            return Result.invalid("not yet valid");
        }
        ShopDomain shop = hostShop(claim(claims, "dest"));
        if (shop == null) {
            return Result.invalid("dest");
        }
        ShopDomain issuer = hostShop(claims.getIssuer());
        if (issuer == null || !issuer.equals(shop)) {
            return Result.invalid("issuer");
        }
        return new Result(new Session(shop, claims.getSubject(), claim(claims, "sid")), null);
    }

    /** The signature is recomputed from the raw signing input and compared in constant time. */
    private boolean verifySignature(byte[] signingInput, String base64UrlSignature) {
        try {
            // SigningSecrets compares standard base64; the JWS signature is base64url.
            byte[] mac = java.util.Base64.getUrlDecoder().decode(base64UrlSignature);
            return secrets.verifyBase64(signingInput, java.util.Base64.getEncoder().encodeToString(mac));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String claim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s ? s : null;
    }

    /** {@code https://{shop}} or {@code https://{shop}/admin} → the shop; anything else → null. */
    private static ShopDomain hostShop(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() != -1 || uri.getUserInfo() != null) {
                return null;
            }
            return ShopDomain.parse(uri.getHost()).orElse(null);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** Mints a session token as Shopify would (local dev page and tests): HS256 with the current secret. */
    public static String mint(byte[] secret, String apiKey, ShopDomain shop, String userId, Instant now, Duration lifetime) {
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String payload = b64("{\"iss\":\"https://" + shop.value() + "/admin\",\"dest\":\"https://" + shop.value()
                + "\",\"aud\":\"" + apiKey + "\",\"sub\":\"" + userId + "\",\"exp\":" + now.plus(lifetime).getEpochSecond()
                + ",\"nbf\":" + now.getEpochSecond() + ",\"iat\":" + now.getEpochSecond() + ",\"jti\":\""
                + java.util.UUID.randomUUID() + "\",\"sid\":\"" + java.util.UUID.randomUUID() + "\"}");
        String signingInput = header + "." + payload;
        byte[] mac = com.returnsdrawer.crypto.Hmac.sha256(secret, signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    private static String b64(String json) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
