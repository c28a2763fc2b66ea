package com.returnsdrawer.install;

import com.returnsdrawer.shopify.ShopDomain;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.oauth2.endpoint.authorization.request.OauthAuthorizationRequest;
import io.micronaut.security.oauth2.endpoint.authorization.state.StateFactory;

import java.util.List;
import java.util.Optional;

/**
 * One shop's authorization request: Shopify's client id, the comma-separated scopes as one value, and the fixed
 * {@code {SHOPIFY_APP_URL}/auth/callback}; the state comes from the module's {@link StateFactory}.
 */
record ShopifyAuthorizationRequest(HttpRequest<?> request, ShopDomain shop, String clientId, String scopes,
                                   String redirectUri, StateFactory stateFactory) implements OauthAuthorizationRequest {

    @Override
    public List<String> getScopes() {
        return List.of(scopes);
    }

    @Override
    public String getClientId() {
        return clientId;
    }

    @Override
    public Optional<String> getState(MutableHttpResponse<?> response) {
        return Optional.ofNullable(stateFactory.buildState(request, response, this));
    }

    @Override
    public String getResponseType() {
        return "code";
    }

    @Override
    public Optional<String> getRedirectUri() {
        return Optional.of(redirectUri);
    }
}
