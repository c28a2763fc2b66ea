package com.returnsdrawer.metrics;

import com.returnsdrawer.crypto.ConstantTime;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.nio.charset.StandardCharsets;

/**
 * {@code GET /prometheus} answers only a scraper that sends {@code Authorization: Bearer <METRICS_TOKEN>}; without a
 * configured token the endpoint does not exist (404), so nothing is open to the internet by default.
 */
@ServerFilter("/prometheus")
class MetricsTokenFilter {

    private final byte[] token;

    MetricsTokenFilter(@Nullable @Value("${metrics.token:}") String token) {
        this.token = token == null || token.isBlank() ? null : ("Bearer " + token.strip()).getBytes(StandardCharsets.UTF_8);
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        if (token == null) {
            return HttpResponse.status(HttpStatus.NOT_FOUND);
        }
        String given = request.getHeaders().get("Authorization");
        if (given == null || !ConstantTime.equals(token, given.getBytes(StandardCharsets.UTF_8))) {
            return HttpResponse.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Bearer");
        }
        return null;
    }
}
