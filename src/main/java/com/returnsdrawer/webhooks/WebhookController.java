package com.returnsdrawer.webhooks;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.db.GroupCommit;
import com.returnsdrawer.metrics.Metrics;
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
    private final Metrics metrics;

    WebhookController(WebhookIngestor ingestor, Metrics metrics) {
        this.ingestor = ingestor;
        this.metrics = metrics;
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
        WebhookHeaders headers = WebhookHeaders.from(request.getHeaders());
        return ingestor.ingest(headers, raw).handle((result, error) -> {
            if (error == null) {
                // Only a verified delivery's topic becomes a tag: an unsigned request must not mint time series.
                metrics.webhookDelivery(result == WebhookIngestor.Result.UNAUTHORIZED ? "unverified" : headers.topicName(),
                        result.name().toLowerCase());
                return switch (result) {
                    case ACCEPTED, DUPLICATE -> HttpResponse.ok("ok");
                    case UNAUTHORIZED -> HttpResponse.<String>status(HttpStatus.UNAUTHORIZED).body("unauthorized");
                    case BAD_REQUEST -> HttpResponse.<String>badRequest("missing or invalid topic or shop domain header");
                    case OTHER_SHOP -> HttpResponse.<String>badRequest("the body names another shop than the shop domain header");
                };
            }
            Throwable cause = Futures.cause(error);
            if (cause instanceof GroupCommit.Overloaded e) {
                metrics.webhookDelivery(headers.topicName(), "busy");
                LOG.atWarn().addKeyValue("shop", headers.shopDomain()).addKeyValue("topic", headers.topicName())
                        .log("webhook not recorded: {}; Shopify will retry", e.getMessage());
                return HttpResponse.<String>status(HttpStatus.SERVICE_UNAVAILABLE).body("busy");
            }
            if (cause instanceof Database.DatabaseException e && e.unavailable()) {
                metrics.webhookDelivery(headers.topicName(), "unavailable");
                LOG.atWarn().addKeyValue("shop", headers.shopDomain()).addKeyValue("topic", headers.topicName())
                        .log("webhook not recorded: database unavailable; Shopify will retry");
                return HttpResponse.<String>status(HttpStatus.SERVICE_UNAVAILABLE).body("database unavailable");
            }
            metrics.webhookDelivery(headers.topicName(), "error");
            LOG.atError().addKeyValue("shop", headers.shopDomain()).addKeyValue("topic", headers.topicName())
                    .log("webhook not recorded: {} {}", cause.getClass().getSimpleName(), cause.getMessage());
            return HttpResponse.<String>serverError("error");
        });
    }
}
