package com.returnsdrawer.install;

import com.returnsdrawer.crypto.SigningSecrets;
import com.returnsdrawer.shopify.ShopDomain;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.oauth2.endpoint.authorization.state.JacksonStateSerDes;
import io.micronaut.security.oauth2.endpoint.authorization.state.State;
import io.micronaut.security.oauth2.endpoint.authorization.state.StateSerDes;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/**
 * Writes a {@link ShopState} as {@code base64url(nonce|shop|expiry).hexHmac} under the client secret, and reads
 * back only a value whose signature holds (current or previous secret) and which has not expired. The module's
 * JSON form is unsigned; signed, the state needs no server memory, so any instance sharing the secret finishes an
 * install another one began (docs/behaviour.md, "Install").
 */
@Singleton
@Replaces(JacksonStateSerDes.class)
class SignedStateSerDes implements StateSerDes {

    private static final int MAX_LENGTH = 1024;

    private final SigningSecrets secrets;
    private final Clock clock;

    @jakarta.inject.Inject
    SignedStateSerDes(SigningSecrets secrets) {
        this(secrets, Clock.systemUTC());
    }

    SignedStateSerDes(SigningSecrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public @Nullable String serialize(State state) {
        if (!(state instanceof ShopState shop)) {
            return null;
        }
        byte[] payload = (shop.nonce() + "|" + shop.shop().value() + "|" + shop.expiresAtEpochSecond())
                .getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + "." + secrets.signHex(payload);
    }

    @Override
    public @Nullable State deserialize(@Nullable String value) {
        if (value == null || value.length() > MAX_LENGTH) {
            return null;
        }
        int dot = value.lastIndexOf('.');
        if (dot <= 0) {
            return null;
        }
        byte[] payload;
        try {
            payload = Base64.getUrlDecoder().decode(value.substring(0, dot));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!secrets.verifyHex(payload, value.substring(dot + 1))) {
            return null;
        }
        String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|", 3);
        if (parts.length != 3) {
            return null;
        }
        try {
            long expires = Long.parseLong(parts[2]);
            var shop = ShopDomain.parse(parts[1]);
            if (expires < clock.instant().getEpochSecond() || shop.isEmpty() || parts[0].isEmpty()) {
                return null;
            }
            return new ShopState(parts[0], shop.get(), expires);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
