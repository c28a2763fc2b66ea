package com.returnsdrawer.dev;

import com.returnsdrawer.crypto.SigningSecrets;
import com.returnsdrawer.shopify.QueryString;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local stand-in for Shopify's app proxy ({@code /apps/returns-drawer/…} on the storefront): it adds
 * {@code shop}, {@code logged_in_customer_id} (1001, or empty after "log out"), {@code path_prefix} and
 * {@code timestamp}, signs them exactly as Shopify does, forwards to {@code /proxy/…} and passes the answer
 * back (Liquid answers are shown as HTML, since nothing here renders a theme).
 */
@Controller("/apps/returns-drawer")
@io.micronaut.http.annotation.Produces(io.micronaut.http.MediaType.ALL)
@Requires(env = "dev")
@ExecuteOn(TaskExecutors.BLOCKING)
class DevAppProxy {

    private static final List<String> SHOPIFY_PARAMS = List.of("shop", "logged_in_customer_id", "path_prefix", "timestamp", "signature");

    private final SigningSecrets secrets;
    private final BeanProvider<EmbeddedServer> server;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2)).build();

    DevAppProxy(SigningSecrets secrets, BeanProvider<EmbeddedServer> server) {
        this.secrets = secrets;
        this.server = server;
    }

    @Get("/{+path}")
    HttpResponse<String> forward(HttpRequest<?> request, @PathVariable String path) throws IOException, InterruptedException {
        boolean guest = request.getCookies().findCookie(DevPages.GUEST_COOKIE).isPresent();
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (Map.Entry<String, String> pair : QueryString.parse(request.getUri().getRawQuery())) {
            if (!SHOPIFY_PARAMS.contains(pair.getKey())) {
                pairs.add(pair);
            }
        }
        pairs.add(Map.entry("shop", DemoData.DEMO_SHOP.value()));
        pairs.add(Map.entry("logged_in_customer_id", guest ? "" : String.valueOf(DemoData.DEMO_CUSTOMER)));
        pairs.add(Map.entry("path_prefix", "/apps/returns-drawer"));
        pairs.add(Map.entry("timestamp", String.valueOf(Instant.now().getEpochSecond())));
        String target = server.get().getURI().resolve("/proxy/" + path) + "?" + signedQuery(pairs);
        var forwarded = java.net.http.HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(10));
        request.getHeaders().findFirst("Accept-Language").ifPresent(v -> forwarded.header("Accept-Language", v));
        var answer = http.send(forwarded.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        String type = answer.headers().firstValue("Content-Type").orElse("text/html");
        String body = answer.body();
        if (type.startsWith("application/liquid")) {
            body = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><link rel=\"stylesheet\" href=\"/dev/assets/drawer.css\">"
                    + "<title>Demo Shop</title></head><body>" + body + "</body></html>";
            type = "text/html;charset=utf-8";
        }
        MutableHttpResponse<String> response = HttpResponse.<String>status(io.micronaut.http.HttpStatus.valueOf(answer.statusCode()))
                .body(body).contentType(type);
        answer.headers().firstValue("Location").ifPresent(v -> response.header("Location", v));
        answer.headers().firstValue("Cache-Control").ifPresent(v -> response.header("Cache-Control", v));
        return response;
    }

    /** The query signed as Shopify signs an app-proxy request (the verifier's own message). */
    private String signedQuery(List<Map.Entry<String, String>> pairs) {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> pair : pairs) {
            grouped.computeIfAbsent(pair.getKey(), k -> new ArrayList<>()).add(pair.getValue());
            query.append(QueryString.encode(pair.getKey())).append('=').append(QueryString.encode(pair.getValue())).append('&');
        }
        return query + "signature=" + secrets.signHex(QueryString.appProxyMessage(grouped).getBytes(StandardCharsets.UTF_8));
    }
}
