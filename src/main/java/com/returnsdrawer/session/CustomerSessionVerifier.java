package com.returnsdrawer.session;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Verifies the session tokens of the customer account UI extension ({@code Authorization: Bearer}) with the same
 * micronaut-security-jwt verification as admin tokens ({@link SessionTokenVerifier}: current or previous secret,
 * {@code aud}, {@code exp}/{@code nbf} with leeway, {@code dest} with or without {@code https://}), and reads the
 * signed-in customer from {@code sub = gid://shopify/Customer/{id}} (shopify.dev:
 * docs/api/customer-account-ui-extensions, session token). Whether the shop is installed is for the caller.
 */
@Singleton
public class CustomerSessionVerifier {

    private static final String BEARER = "Bearer ";

    /** Why a request carries no usable customer session. */
    public enum Rejection {
        /** No token, or one that is malformed, forged, expired, for another app, or names no customer. */
        UNAUTHORIZED("unauthorized"),
        /** A valid token without {@code sub}: nobody is signed in (a pre-authenticated order status page). */
        LOGIN_REQUIRED("login_required");

        private final String code;

        Rejection(String code) {
            this.code = code;
        }

        /** The {@code error} of the 401 answer. */
        public String code() {
            return code;
        }
    }

    /** The session, or why there is none. */
    public sealed interface Result {
    }

    public record Verified(CustomerSession session) implements Result {
    }

    public record Rejected(Rejection rejection) implements Result {
    }

    private final SessionTokenVerifier tokens;

    CustomerSessionVerifier(SessionTokenVerifier tokens) {
        this.tokens = tokens;
    }

    /** Verifies the {@code Authorization} header of {@code request}. */
    public Result verify(@Nullable String authorization, @Nullable HttpRequest<?> request) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return new Rejected(Rejection.UNAUTHORIZED);
        }
        Optional<SessionToken> token = tokens.verify(authorization.substring(BEARER.length()), request);
        if (token.isEmpty()) {
            return new Rejected(Rejection.UNAUTHORIZED);
        }
        if (token.get().subject() == null || token.get().subject().isEmpty()) {
            return new Rejected(Rejection.LOGIN_REQUIRED);
        }
        return token.get().customerId()
                .<Result>map(customer -> new Verified(new CustomerSession(token.get().shop(), customer)))
                .orElse(new Rejected(Rejection.UNAUTHORIZED));
    }
}
