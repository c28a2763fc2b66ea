package com.returnsdrawer.session;

import com.nimbusds.jwt.JWT;
import com.returnsdrawer.shopify.ShopDomain;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.jwt.validator.JsonWebTokenValidator;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.util.Optional;

/**
 * Verifies Shopify's session tokens (the {@code Authorization: Bearer} of admin fetches, the {@code id_token} of
 * embedded loads, and later customer-account calls) with micronaut-security-jwt: the named secret signatures
 * (current and previous client secret, HS256 only), its audience, expiry and not-before validators (10 s leeway),
 * and {@link ShopifyClaimsValidator} for {@code dest}/{@code iss}. Whether the shop is installed is for the caller.
 */
@Singleton
public class SessionTokenVerifier {

    /** Longer tokens are refused before parsing. */
    private static final int MAX_LENGTH = 8192;

    private final JsonWebTokenValidator<JWT, HttpRequest<?>> validator;

    SessionTokenVerifier(JsonWebTokenValidator<JWT, HttpRequest<?>> validator) {
        this.validator = validator;
    }

    /** The verified token, or empty when anything about it is wrong (the reason is never shown to callers). */
    public Optional<SessionToken> verify(@Nullable String token, @Nullable HttpRequest<?> request) {
        if (token == null || token.isBlank() || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        return validator.validate(token.trim(), request).flatMap(SessionTokenVerifier::read);
    }

    private static Optional<SessionToken> read(JWT jwt) {
        try {
            var claims = jwt.getJWTClaimsSet();
            ShopDomain shop = ShopifyClaimsValidator.destShop(claims.getClaim("dest"));
            if (shop == null) {
                return Optional.empty();
            }
            Object sid = claims.getClaim("sid");
            return Optional.of(new SessionToken(shop, claims.getSubject(), sid instanceof String s ? s : null,
                    claims.getIssuer() != null));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
