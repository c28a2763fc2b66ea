package com.returnsdrawer.webhooks;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.web.Futures;
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

import java.util.concurrent.CompletableFuture;

/** {@code POST /webhooks}: every subscribed topic, compliance included; status codes as in docs/behaviour.md, "Webhooks". */
@Controller("/webhooks")
class WebhookController {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookController.class);

    private final WebhookIngestor ingestor;

    WebhookController(WebhookIngestor ingestor) {
        this.ingestor = ingestor;
    }

    /**
     * Verifying and reading the payload run on an {@code io} thread; the write is queued for group commit
     * ({@link com.returnsdrawer.db.GroupCommit}), so the thread is free again before the commit, and the answer goes out after it.
     * (Running this part on the event loop instead was within the benchmark's noise.)
     */
    @Post
    @Consumes(MediaType.ALL)
    @Produces(MediaType.TEXT_PLAIN)
    @ExecuteOn(TaskExecutors.BLOCKING)
    CompletableFuture<HttpResponse<String>> receive(HttpRequest<?> request, @Nullable @Body byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        return ingestor.ingest(WebhookHeaders.from(request.getHeaders()), raw).handle((result, error) -> {
            if (error == null) {
                return switch (result) {
                    case ACCEPTED, DUPLICATE -> HttpResponse.ok("ok");
                    case UNAUTHORIZED -> HttpResponse.<String>status(HttpStatus.UNAUTHORIZED).body("unauthorized");
                    case BAD_REQUEST -> HttpResponse.<String>badRequest("missing or invalid topic or shop domain header");
                    case OTHER_SHOP -> HttpResponse.<String>badRequest("the body names another shop than the shop domain header");
                };
            }
            Throwable cause = Futures.cause(error);
            if (cause instanceof Database.DatabaseException e && e.unavailable()) {
                LOG.warn("webhook not recorded: database unavailable; Shopify will retry");
                return HttpResponse.<String>status(HttpStatus.SERVICE_UNAVAILABLE).body("database unavailable");
            }
            LOG.error("webhook not recorded: {} {}", cause.getClass().getSimpleName(), cause.getMessage());
            return HttpResponse.<String>serverError("error");
        });
    }
}
