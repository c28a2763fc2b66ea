package com.returnsdrawer.install;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.oauth2.endpoint.authorization.state.State;
import io.micronaut.security.oauth2.endpoint.authorization.state.StateSerDes;
import io.micronaut.security.oauth2.endpoint.authorization.state.persistence.cookie.CookieStatePersistence;
import io.micronaut.security.oauth2.endpoint.authorization.state.persistence.cookie.CookieStatePersistenceConfiguration;
import jakarta.inject.Singleton;

/**
 * The module's cookie state persistence (name, path, lifetime, {@code HttpOnly} and {@code Secure} from
 * {@code micronaut.security.oauth2.state.cookie}) plus {@code SameSite=Lax}, which its configuration cannot
 * express, and the expiry of the cookie once the callback used it.
 */
@Singleton
@Replaces(CookieStatePersistence.class)
class StateCookiePersistence extends CookieStatePersistence {

    private final StateSerDes stateSerDes;

    StateCookiePersistence(StateSerDes stateSerDes, CookieStatePersistenceConfiguration configuration) {
        super(stateSerDes, configuration);
        this.stateSerDes = stateSerDes;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void persistState(HttpRequest<?> request, MutableHttpResponse response, State state) {
        String value = stateSerDes.serialize(state);
        if (value != null) {
            response.cookie(Cookie.of(cookieConfiguration.getCookieName(), value)
                    .configure(cookieConfiguration, request.isSecure()).sameSite(SameSite.Lax));
        }
    }

    /** Expires the state cookie on {@code response}. */
    <T> MutableHttpResponse<T> clear(HttpRequest<?> request, MutableHttpResponse<T> response) {
        Cookie cookie = Cookie.of(cookieConfiguration.getCookieName(), "").configure(cookieConfiguration, request.isSecure())
                .sameSite(SameSite.Lax).maxAge(0);
        return response.cookie(cookie);
    }
}
