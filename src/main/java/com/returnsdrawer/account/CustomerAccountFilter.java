package com.returnsdrawer.account;

import com.returnsdrawer.session.CustomerSessionVerifier;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.Map;

/**
 * CORS and authentication of {@code /customer-account/**}, in one place (docs/behaviour.md, "Customer accounts").
 *
 * <p>CORS as Shopify's own app library answers extension calls: a preflight ({@code OPTIONS}) gets 204 without
 * authentication; every response, errors included, allows any origin ({@code *}: the extension runs in a sandboxed
 * worker whose origin is not the shop's) and is private and uncacheable. Micronaut's CORS support does not fit
 * here: it echoes the request's {@code Origin} instead of {@code *} and acts only on requests that carry one.
 *
 * <p>The order routes need the signed-in customer's session token ({@link CustomerSessionVerifier}); the verified
 * {@link com.returnsdrawer.session.CustomerSession} reaches controllers through {@link CustomerSessionBinder}.
 * The ticket route is a plain browser navigation: the ticket is its credential.
 */
@ServerFilter("/customer-account/**")
class CustomerAccountFilter {

    static final String ATTRIBUTE = "returns-drawer.customer-session";
    static final String CACHE_CONTROL = "private, no-store";
    private static final String ORDERS = "/customer-account/orders";

    private final CustomerSessionVerifier verifier;

    CustomerAccountFilter(CustomerSessionVerifier verifier) {
        this.verifier = verifier;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        if (request.getMethod() == HttpMethod.OPTIONS) {
            return cors(HttpResponse.status(HttpStatus.NO_CONTENT)
                    .header(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, OPTIONS")
                    .header(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type")
                    .header(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "7200"));
        }
        String path = request.getPath();
        if (!path.equals(ORDERS) && !path.startsWith(ORDERS + "/")) {
            return null;
        }
        CustomerSessionVerifier.Result result = verifier.verify(request.getHeaders().get(HttpHeaders.AUTHORIZATION), request);
        if (result instanceof CustomerSessionVerifier.Verified verified) {
            request.setAttribute(ATTRIBUTE, verified.session());
            return null;
        }
        String error = ((CustomerSessionVerifier.Rejected) result).rejection().code();
        return cors(HttpResponse.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(Map.of("error", error)));
    }

    @ResponseFilter
    void headers(MutableHttpResponse<?> response) {
        cors(response);
    }

    private static MutableHttpResponse<?> cors(MutableHttpResponse<?> response) {
        response.getHeaders().set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        response.getHeaders().set(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        return response;
    }
}
