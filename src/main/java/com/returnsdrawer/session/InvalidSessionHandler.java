package com.returnsdrawer.session;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Every rejected admin API request gets 401 with {@code X-Shopify-Retry-Invalid-Session-Request: 1}, so App
 * Bridge retries once with a fresh session token; the body says nothing about why.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
class InvalidSessionHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    static final String RETRY_HEADER = "X-Shopify-Retry-Invalid-Session-Request";

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        if (exception.isForbidden()) {
            return HttpResponse.status(HttpStatus.FORBIDDEN).body(Map.of("error", "forbidden"));
        }
        return HttpResponse.status(HttpStatus.UNAUTHORIZED)
                .header(RETRY_HEADER, "1")
                .body(Map.of("error", "invalid_session"));
    }
}
