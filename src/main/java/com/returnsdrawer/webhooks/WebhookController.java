package com.returnsdrawer.webhooks;

import com.returnsdrawer.db.Database;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /webhooks}: every subscribed topic, compliance included; status codes as in CONTRACT.md. */
@Controller("/webhooks")
class WebhookController {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookController.class);

    private final WebhookIngestor ingestor;

    WebhookController(WebhookIngestor ingestor) {
        this.ingestor = ingestor;
    }

    @Post
    @Consumes(MediaType.ALL)
    @Produces(MediaType.TEXT_PLAIN)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<String> receive(HttpRequest<?> request, @Nullable @Body byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        try {
            return switch (ingestor.ingest(WebhookHeaders.from(request.getHeaders()), raw)) {
                case ACCEPTED, DUPLICATE -> HttpResponse.ok("ok");
                case UNAUTHORIZED -> HttpResponse.<String>status(HttpStatus.UNAUTHORIZED).body("unauthorized");
                case BAD_REQUEST -> HttpResponse.<String>badRequest("missing or invalid topic or shop domain header");
            };
        } catch (Database.DatabaseException e) {
            if (e.unavailable()) {
                LOG.warn("webhook not recorded: database unavailable; Shopify will retry");
                return HttpResponse.<String>status(HttpStatus.SERVICE_UNAVAILABLE).body("database unavailable");
            }
            LOG.error("webhook not recorded: database error {}", e.getMessage());
            return HttpResponse.<String>serverError("error");
        }
    }
}
