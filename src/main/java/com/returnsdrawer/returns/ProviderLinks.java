package com.returnsdrawer.returns;

import com.returnsdrawer.metrics.Metrics;
import com.returnsdrawer.web.Futures;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.retry.exception.CircuitOpenException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The link a shopper who starts a return is sent to (docs/behaviour.md, "Provider API deep links"): with the
 * merchant's API key, Loop's or AfterShip's deep link for exactly this order; otherwise, and whenever the provider
 * fails, is slow or its circuit is open, the plain {@link ReturnLinks} link. The future never fails and completes
 * within {@code PROVIDER_API_TIMEOUT_MS}; no thread waits for the provider meanwhile. Called at click time only,
 * never for a page.
 */
@Singleton
public class ProviderLinks {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderLinks.class);
    private static final int MAX_URL = 4096;
    /** Compared by identity: what the wait completes with when the provider has not answered in time. */
    @SuppressWarnings("StringOperationCanBeSimplified")
    private static final String TIMED_OUT = new String("timed out");

    private final LoopApi loop;
    private final AftershipApi aftership;
    private final long timeoutMs;

    private final Metrics metrics;

    ProviderLinks(LoopApi loop, AftershipApi aftership, ProviderApiConfig config, Metrics metrics) {
        this.metrics = metrics;
        this.loop = loop;
        this.aftership = aftership;
        this.timeoutMs = config.timeoutMs();
    }

    public CompletableFuture<String> link(long shopId, Provider provider, String portalUrl, OrderLinkData order,
                                          Optional<ProviderApiKey> key) {
        if (key.isEmpty() || !provider.hasLinkApi() || order.orderRef() == null) {
            return CompletableFuture.completedFuture(ReturnLinks.build(provider, portalUrl, order));
        }
        CompletableFuture<String> answer = new CompletableFuture<>();
        try {
            call(provider, key.get(), order).whenComplete((url, error) -> {
                if (error != null) {
                    answer.completeExceptionally(error);
                } else {
                    answer.complete(url);
                }
            });
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        }
        // The plain link is built only when it is used: a deep link that arrives needs none.
        return answer.completeOnTimeout(TIMED_OUT, timeoutMs, TimeUnit.MILLISECONDS).handle((url, error) -> {
            if (error != null) {
                Throwable cause = Futures.cause(error);
                if (cause instanceof CircuitOpenException) {
                    metrics.apiCall(provider.id(), "circuit_open");
                    LOG.debug("{} deep link skipped for shop {}: circuit open", provider.id(), shopId);
                } else {
                    metrics.apiCall(provider.id(), "error");
                    LOG.warn("{} deep link failed for shop {} ({}); plain link used", provider.id(), shopId, reason(cause));
                }
                return ReturnLinks.build(provider, portalUrl, order);
            }
            if (url == TIMED_OUT) {
                metrics.apiCall(provider.id(), "timeout");
                LOG.warn("{} deep link for shop {} not answered within {} ms; plain link used", provider.id(), shopId, timeoutMs);
                return ReturnLinks.build(provider, portalUrl, order);
            }
            if (!usable(url)) {
                metrics.apiCall(provider.id(), "unusable");
                LOG.warn("{} deep link for shop {} answered no https URL; plain link used", provider.id(), shopId);
                return ReturnLinks.build(provider, portalUrl, order);
            }
            metrics.apiCall(provider.id(), "ok");
            return url;
        });
    }

    private CompletableFuture<String> call(Provider provider, ProviderApiKey key, OrderLinkData order) {
        return switch (provider) {
            case LOOP -> {
                String zip = order.zip() != null && !order.zip().isBlank() ? order.zip() : order.email();
                yield loop.link(key.value(), new LoopApi.LinkRequest(order.orderRef(), zip))
                        .thenApply(link -> link == null ? null : link.url());
            }
            case AFTERSHIP -> aftership.link(key.value(), new AftershipApi.LinkRequest(order.orderRef(), order.email(), order.zip()))
                    .thenApply(link -> link == null || link.data() == null ? null : link.data().url());
            default -> CompletableFuture.completedFuture(null);
        };
    }

    /** Only an absolute https URL with a host (and nothing a Location header cannot carry) is followed. */
    static boolean usable(@Nullable String url) {
        if (url == null || url.length() > MAX_URL) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return uri.getScheme() != null && uri.getScheme().toLowerCase(Locale.ROOT).equals("https")
                    && uri.getHost() != null && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** What went wrong, without any message text: a provider's error body could echo what it was sent. */
    private static String reason(Throwable failure) {
        if (failure instanceof HttpClientResponseException response) {
            return "status " + response.code();
        }
        return failure.getClass().getSimpleName();
    }
}
