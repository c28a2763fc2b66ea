package com.returnsdrawer.shopify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * What Shopify's token endpoint grants: an offline access token and, for expiring tokens, its lifetime and a
 * refresh token (shopify.dev: …/access-tokens/offline-access-tokens). Never logged, never serialised out.
 */
@Serdeable
public record TokenGrant(String accessToken, @Nullable String scope, @Nullable Long expiresIn,
                         @Nullable String refreshToken, @Nullable Long refreshTokenExpiresIn) {

    public Instant accessExpiresAt(Instant now) {
        return expiresIn == null ? null : now.plusSeconds(expiresIn);
    }

    public Instant refreshExpiresAt(Instant now) {
        return refreshTokenExpiresIn == null ? null : now.plusSeconds(refreshTokenExpiresIn);
    }

    @Override
    public String toString() {
        return "TokenGrant[scope=" + scope + ", expiresIn=" + expiresIn + "]";
    }
}
