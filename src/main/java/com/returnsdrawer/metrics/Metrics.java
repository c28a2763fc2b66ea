package com.returnsdrawer.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The app's meters, named in one place (README, "Operations"): call sites say what happened, never how it is
 * counted. Counters are cached per tag combination, so a hot path pays one map lookup and one atomic add.
 */
@Singleton
public class Metrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final DistributionSummary groupSizes;
    private final Timer queueWait;

    /** Without a registry ({@code micronaut.metrics.enabled: false}) every meter is a no-op. */
    Metrics(@Nullable MeterRegistry registry) {
        this.registry = registry == null ? new CompositeMeterRegistry() : registry;
        this.groupSizes = DistributionSummary.builder("webhook.group.size")
                .description("deliveries committed per webhook group").register(this.registry);
        this.queueWait = Timer.builder("webhook.queue.wait")
                .description("time a webhook delivery waited for a group-commit writer").register(this.registry);
    }

    /** A webhook delivery answered: {@code result} is accepted, duplicate, unauthorized, bad_request, busy, unavailable or error. */
    public void webhookDelivery(String topic, String result) {
        count("webhook.deliveries", "topic", topic == null ? "none" : topic, "result", result);
    }

    /** A webhook group committed with {@code size} deliveries. */
    public void webhookGroup(int size) {
        groupSizes.record(size);
    }

    /** How long a delivery waited in the group-commit queue. */
    public void webhookQueueWait(long nanos) {
        queueWait.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Registers the gauges of the webhook queue (deliveries and bytes waiting). */
    public void webhookQueue(Supplier<Number> depth, Supplier<Number> bytes) {
        Gauge.builder("webhook.queue.depth", depth).description("webhook deliveries waiting for a writer").register(registry);
        Gauge.builder("webhook.queue.bytes", bytes).baseUnit("bytes")
                .description("body bytes of the webhook deliveries waiting for a writer").register(registry);
    }

    /** A storefront drawer request answered: {@code format} liquid, html or json; {@code status} the HTTP status. */
    public void drawerRequest(String format, int status) {
        count("drawer.requests", "format", format, "status", Integer.toString(status));
    }

    /** A call to an outside API ({@code api}: shopify_admin, shopify_token, a provider's name) and its result (ok, error, rate_limited, …). */
    public void apiCall(String api, String result) {
        count("provider.api.calls", "api", api, "result", result);
    }

    /** A token refresh and its result (refreshed, rejected, failed). */
    public void tokenRefresh(String result) {
        count("token.refreshes", "result", result);
    }

    /** Orders a first import or a reconciliation stored (one page). */
    public void ordersImported(int orders) {
        counter("orders.imported").increment(orders);
    }

    /** An order import finished ({@code result}: done or failed). */
    public void importFinished(String result) {
        count("orders.imports", "result", result);
    }

    private void count(String name, String... tags) {
        counter(name, tags).increment();
    }

    private Counter counter(String name, String... tags) {
        String key = name + '|' + String.join("|", tags);
        Counter counter = counters.get(key);
        if (counter == null) {
            counter = counters.computeIfAbsent(key, k -> Counter.builder(name).tags(tags).register(registry));
        }
        return counter;
    }
}
