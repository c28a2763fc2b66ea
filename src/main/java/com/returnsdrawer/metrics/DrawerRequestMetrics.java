package com.returnsdrawer.metrics;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Counts the storefront's drawer requests (list and detail) by format and status, for {@link Metrics#drawerRequest}. */
@ServerFilter({"/proxy/orders", "/proxy/orders/*"})
class DrawerRequestMetrics {

    private final Metrics metrics;

    DrawerRequestMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    @ResponseFilter
    void count(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String format = request.getParameters().get("format");
        metrics.drawerRequest("html".equals(format) || "json".equals(format) ? format : "liquid", response.code());
    }
}
