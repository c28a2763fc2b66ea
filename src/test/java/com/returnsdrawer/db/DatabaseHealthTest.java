package com.returnsdrawer.db;

import com.returnsdrawer.support.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /health} is micronaut-management's health endpoint with the app's database indicator: UP while the database
 * answers, 503 DOWN while it is cut off, UP again once it is back; it shows no details and no other management
 * endpoint answers.
 */
class DatabaseHealthTest {

    @Test
    void reportsUpThenDownWhileTheDatabaseIsGoneThenUpAgain() throws Exception {
        try (TestDatabase.Routed db = TestDatabase.throughProxy();
             EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, db.properties(), "test");
             HttpClient client = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
            HttpResponse<String> up = client.toBlocking().exchange(HttpRequest.GET("/health"), String.class);
            assertEquals(200, up.code());
            assertTrue(up.body().contains("\"status\":\"UP\""), up.body());

            db.proxy().cut();
            HttpClientResponseException down = org.junit.jupiter.api.Assertions.assertThrows(
                    HttpClientResponseException.class,
                    () -> client.toBlocking().exchange(HttpRequest.GET("/health"), String.class));
            assertEquals(503, down.getStatus().getCode());
            assertTrue(down.getResponse().getBody(String.class).orElse("").contains("\"status\":\"DOWN\""));

            assertFalse(down.getResponse().getBody(String.class).orElse("").contains("jdbc"), "no details");

            db.proxy().restore();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
            int status = 0;
            while (Instant.now().isBefore(deadline)) {
                try {
                    status = client.toBlocking().exchange(HttpRequest.GET("/health"), String.class).code();
                    break;
                } catch (HttpClientResponseException e) {
                    status = e.getStatus().getCode();
                    Thread.sleep(200);
                }
            }
            assertEquals(200, status);

            for (String other : new String[]{"/info", "/beans", "/env", "/flyway", "/loggers", "/routes"}) {
                HttpClientResponseException missing = org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
                        () -> client.toBlocking().exchange(HttpRequest.GET(other), String.class), other);
                assertEquals(404, missing.getStatus().getCode(), other);
            }
        }
    }
}
