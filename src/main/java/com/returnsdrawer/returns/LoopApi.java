package com.returnsdrawer.returns;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.retry.annotation.CircuitBreaker;
import io.micronaut.serde.annotation.Serdeable;

import java.util.concurrent.CompletableFuture;

/**
 * Loop's order deep-link API ({@code POST /api/v1/order/link}), non-blocking, behind its own circuit breaker: after
 * three failed attempts in a row ({@link ProviderDown}) no call is made until the reset has passed, then one trial
 * call decides. Base URL and timeouts: {@code micronaut.http.services.loop} (application.yml).
 */
@Client(id = "loop")
@CircuitBreaker(attempts = "2", delay = "50ms", reset = "${provider-api.circuit-reset:30s}", predicate = ProviderDown.class,
        throwWrappedException = true)
interface LoopApi {

    /** Loop looks the order up by its name and the shopper's zip (or email). */
    @Serdeable
    record LinkRequest(String name, String zip) {
    }

    @Serdeable
    record Link(@Nullable String url) {
    }

    @Post("/api/v1/order/link")
    CompletableFuture<Link> link(@Header("X-Authorization") String key, @Body LinkRequest request);
}
