package com.returnsdrawer.metrics;

import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.support.Orders;
import com.returnsdrawer.support.TestDatabase;
import com.returnsdrawer.support.ShopifySigner;
import com.returnsdrawer.support.TestShops;
import com.returnsdrawer.support.WebhookDeliveryRequest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /prometheus} answers only with the configured bearer token, and does not exist without one. */
@MicronautTest(transactional = false)
@Property(name = "metrics.token", value = "test-metrics-token")
class MetricsEndpointTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    EmbeddedServer server;

    private static HttpResponse<String> scrape(URI base, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/prometheus")).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theScrapeNeedsTheTokenAndShowsWebhookDeliveriesAndDrawerRequests() throws Exception {
        assertEquals(401, scrape(server.getURI(), null).statusCode());
        assertEquals(401, scrape(server.getURI(), "Bearer wrong-token").statusCode());

        ShopDomain shop = TestShops.unique("metrics");
        assertEquals(200, WebhookDeliveryRequest.of("orders/create", shop, Orders.order(1, 1, Instant.now()))
                .send(server.getURI()).statusCode());
        assertEquals(401, WebhookDeliveryRequest.of("orders/create", shop, Orders.order(2, 1, Instant.now()))
                .secret("not-the-secret").send(server.getURI()).statusCode());
        String drawer = "/proxy/orders?" + ShopifySigner.proxyQuery("test-api-secret", shop, 1L, "/apps/returns-drawer",
                java.util.Map.of("format", "json"));
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(server.getURI().resolve(drawer)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());

        HttpResponse<String> scraped = scrape(server.getURI(), "Bearer test-metrics-token");
        assertEquals(200, scraped.statusCode());
        String body = scraped.body();
        assertTrue(body.matches("(?s).*webhook_deliveries_total\\{[^}]*result=\"accepted\",topic=\"orders/create\"[^}]*} [1-9].*"),
                body);
        assertTrue(body.contains("topic=\"unverified\""), "an unsigned delivery's topic is not a tag");
        assertTrue(body.contains("webhook_queue_depth"), body);
        assertTrue(body.matches("(?s).*drawer_requests_total\\{[^}]*format=\"json\",status=\"200\"[^}]*} [1-9].*"), body);
        assertTrue(!body.contains("jvm_"), "no built-in binders");
    }

    @Test
    void withoutATokenTheEndpointDoesNotExist() throws Exception {
        try (EmbeddedServer plain = ApplicationContext.run(EmbeddedServer.class, TestDatabase.properties(), "test")) {
            assertEquals(404, scrape(plain.getURI(), null).statusCode());
            assertEquals(404, scrape(plain.getURI(), "Bearer ").statusCode());
        }
    }
}
