package com.returnsdrawer.install;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.oauth2.endpoint.authorization.request.AuthorizationRequest;
import io.micronaut.security.oauth2.endpoint.authorization.state.DefaultStateFactory;
import io.micronaut.security.oauth2.endpoint.authorization.state.StateFactory;
import io.micronaut.security.oauth2.endpoint.authorization.state.StateSerDes;
import io.micronaut.security.oauth2.endpoint.authorization.state.persistence.StatePersistence;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Issues a {@link ShopState} for the shop the install begins for, persists it through the module's
 * {@link StatePersistence} (the cookie) and returns it serialised for the {@code state} parameter. Replaces
 * {@link DefaultStateFactory}, whose {@code createInitialState()} sees neither the request nor the authorization
 * request, so it cannot bind the state to a shop.
 */
@Singleton
@Replaces(DefaultStateFactory.class)
class ShopStateFactory implements StateFactory {

    static final Duration LIFETIME = Duration.ofSeconds(60);

    private final StateSerDes serDes;
    private final StatePersistence persistence;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    @jakarta.inject.Inject
    ShopStateFactory(StateSerDes serDes, StatePersistence persistence) {
        this(serDes, persistence, Clock.systemUTC());
    }

    ShopStateFactory(StateSerDes serDes, StatePersistence persistence, Clock clock) {
        this.serDes = serDes;
        this.persistence = persistence;
        this.clock = clock;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public @Nullable String buildState(HttpRequest<?> request, MutableHttpResponse response,
                                       @Nullable AuthorizationRequest authorizationRequest) {
        if (!(authorizationRequest instanceof ShopifyAuthorizationRequest install)) {
            return null;
        }
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        ShopState state = new ShopState(HexFormat.of().formatHex(nonce), install.shop(),
                clock.instant().plus(LIFETIME).getEpochSecond());
        persistence.persistState(request, response, state);
        return serDes.serialize(state);
    }
}
