package com.returnsdrawer.install;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.oauth2.endpoint.authorization.request.AuthorizationRequest;
import io.micronaut.security.oauth2.endpoint.authorization.request.DefaultAuthorizationRedirectHandler;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The module's redirect to the authorization endpoint with Shopify's parameters only, in Shopify's order:
 * {@code client_id, scope, redirect_uri, state} (no {@code response_type}: Shopify's grant is always a code;
 * shopify.dev: apps/build/authentication-authorization/access-tokens/authorization-code-grant, step 3).
 */
@Singleton
@Replaces(DefaultAuthorizationRedirectHandler.class)
class ShopifyAuthorizationRedirect extends DefaultAuthorizationRedirectHandler {

    @Override
    @SuppressWarnings("rawtypes")
    protected Map<String, Object> instantiateParameters(AuthorizationRequest request, MutableHttpResponse response) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        populateClientId(request, parameters);
        populateScope(request, parameters);
        populateRedirectUri(request, parameters);
        populateState(request, parameters, response);
        return parameters;
    }
}
