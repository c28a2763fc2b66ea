package com.returnsdrawer.session;

import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.token.jwt.validator.ExpirationJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.NotBeforeJwtClaimsValidator;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Micronaut's {@code exp} and {@code nbf} validators with the 10 s clock-skew leeway Shopify's session tokens
 * are checked with (docs/behaviour.md, "Session tokens"): the stock ones compare against the current instant
 * exactly and have no leeway setting. A token without {@code exp} is refused: Shopify's always carry one.
 */
final class SessionTokenTime {

    static final Duration LEEWAY = Duration.ofSeconds(10);

    private SessionTokenTime() {
    }

    @Singleton
    @Replaces(ExpirationJwtClaimsValidator.class)
    static class Expiration<T> extends ExpirationJwtClaimsValidator<T> {
        @Override
        protected boolean validate(JWTClaimsSet claims) {
            Date exp = claims.getExpirationTime();
            return exp != null && !Instant.now().isAfter(exp.toInstant().plus(LEEWAY));
        }
    }

    @Singleton
    @Replaces(NotBeforeJwtClaimsValidator.class)
    static class NotBefore<T> extends NotBeforeJwtClaimsValidator<T> {
        @Override
        protected boolean validate(JWTClaimsSet claims) {
            Date nbf = claims.getNotBeforeTime();
            return nbf == null || !Instant.now().plus(LEEWAY).isBefore(nbf.toInstant());
        }
    }
}
