package com.returnsdrawer.returns;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.retry.annotation.CircuitBreaker;
import io.micronaut.serde.annotation.Serdeable;

import java.util.concurrent.CompletableFuture;

/**
 * AfterShip Returns' deep-link API ({@code POST /returns/2026-07/returns/link}), non-blocking, behind its own circuit
 * breaker (as {@link LoopApi}). Base URL and timeouts: {@code micronaut.http.services.aftership} (application.yml).
 */
@Client(id = "aftership")
@CircuitBreaker(attempts = "2", delay = "50ms", reset = "${provider-api.circuit-reset:30s}", predicate = ProviderDown.class,
        throwWrappedException = true)
interface AftershipApi {

    /** A value the app does not know (no zip) is left out rather than sent empty. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LinkRequest(String orderNumber, @Nullable String customerEmail, @Nullable String postalCode) {
    }

    @Serdeable
    record Link(@Nullable Data data) {
    }

    @Serdeable
    record Data(@Nullable String url) {
    }

    @Post("/returns/2026-07/returns/link")
    CompletableFuture<Link> link(@Header("as-api-key") String key, @Body LinkRequest request);
}
