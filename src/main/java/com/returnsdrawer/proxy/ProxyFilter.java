package com.returnsdrawer.proxy;

import com.returnsdrawer.metrics.Metrics;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Every {@code /proxy/**} request passes the signature check before any controller sees it, and every response
 * — errors and redirects included — is marked per-customer and uncacheable. Drawer pages (list and detail) are
 * counted by format and status here, from the verifier's one parse of the query: a filter of its own asking the
 * framework for the parameters parsed the signed query a second time and cost the drawer page measurably
 * (docs/performance.md, "Proxy requests parsed once").
 */
@ServerFilter("/proxy/**")
class ProxyFilter {

    static final String ATTRIBUTE = "returns-drawer.proxy-request";
    static final String CACHE_CONTROL = "private, no-store";

    private final ProxyVerifier verifier;
    private final Metrics metrics;

    ProxyFilter(ProxyVerifier verifier, Metrics metrics) {
        this.verifier = verifier;
        this.metrics = metrics;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> verify(HttpRequest<?> request) {
        ProxyRequest verified = verifier.verify(request.getUri().getRawQuery());
        if (verified == null) {
            // Says nothing about why: a forger learns nothing from the answer.
            return HttpResponse.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_JSON_TYPE)
                    .header("Cache-Control", CACHE_CONTROL).body("{\"error\":\"invalid_signature\"}");
        }
        request.setAttribute(ATTRIBUTE, verified);
        return null;
    }

    @ResponseFilter
    void noStore(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.getHeaders().set("Cache-Control", CACHE_CONTROL);
        String path = request.getPath();
        if (path.startsWith("/proxy/orders") && !path.endsWith("/return")) {
            request.getAttribute(ATTRIBUTE, ProxyRequest.class).ifPresent(verified -> {
                String format = verified.parameter("format");
                metrics.drawerRequest("html".equals(format) || "json".equals(format) ? format : "liquid", response.code());
            });
        }
    }
}
