package com.returnsdrawer.shopify;

import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The GraphQL Admin API ({@code POST {shop}/admin/api/{version}/graphql.json}): request timeouts, retries
 * with backoff on 5xx and network errors, waits out {@code THROTTLED} by the cost Shopify reports, and
 * refreshes the token once on a 401 (shopify.dev: api/usage/limits#graphql-admin-api-rate-limits).
 */
@Singleton
public class AdminApiClient {

    private static final Logger LOG = LoggerFactory.getLogger(AdminApiClient.class);
    static final int MAX_ATTEMPTS = 5;

    private final ShopifyConfig config;
    private final ObjectMapper json;
    private final AccessTokens tokens;
    private final HttpClient http;
    private final Sleeper sleeper;

    /** Waits between attempts; tests replace it to run without real delays. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    @jakarta.inject.Inject
    AdminApiClient(ShopifyConfig config, ObjectMapper json, AccessTokens tokens) {
        this(config, json, tokens, d -> Thread.sleep(d.toMillis()));
    }

    AdminApiClient(ShopifyConfig config, ObjectMapper json, AccessTokens tokens, Sleeper sleeper) {
        this.config = config;
        this.json = json;
        this.tokens = tokens;
        this.sleeper = sleeper;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A call that could not be completed; {@code retryable} when a later attempt may succeed. */
    public static final class AdminApiException extends Exception {
        private final boolean retryable;

        public AdminApiException(String message, boolean retryable) {
            super(message);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    /** Runs {@code query} and reads its {@code data} as {@code type}. */
    public <T> T query(ShopDomain shop, String query, Map<String, Object> variables, Class<T> type)
            throws AdminApiException {
        JsonNode data = query(shop, query, variables);
        try {
            return json.readValueFromTree(data, Argument.of(type));
        } catch (IOException e) {
            throw new AdminApiException("unexpected GraphQL data shape", false);
        }
    }

    public JsonNode query(ShopDomain shop, String query, Map<String, Object> variables) throws AdminApiException {
        URI uri = URI.create(config.shopBase(shop) + "/admin/api/" + config.apiVersion() + "/graphql.json");
        byte[] body;
        try {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("query", query);
            request.put("variables", variables);
            body = json.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new AdminApiException("request not serialisable", false);
        }
        String token = token(shop);
        boolean refreshed = false;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<byte[]> response;
            try {
                response = http.send(HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .header("X-Shopify-Access-Token", token)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                retryOrFail(shop, attempt, "network error " + e.getClass().getSimpleName(), backoff(attempt));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AdminApiException("interrupted", true);
            }
            int status = response.statusCode();
            if (status == 401 && !refreshed) {
                refreshed = true;
                try {
                    token = tokens.afterUnauthorized(shop, token);
                } catch (AccessTokens.NoTokenException e) {
                    throw new AdminApiException(e.getMessage(), e.temporary());
                }
                continue;
            }
            if (status == 429 || status >= 500) {
                retryOrFail(shop, attempt, "HTTP " + status, backoff(attempt));
                continue;
            }
            if (status >= 400) {
                throw new AdminApiException("Admin API answered " + status, false);
            }
            JsonNode root;
            try {
                root = json.readValue(response.body(), JsonNode.class);
            } catch (IOException e) {
                retryOrFail(shop, attempt, "unreadable answer", backoff(attempt));
                continue;
            }
            Duration throttled = throttleWait(root);
            if (throttled != null) {
                retryOrFail(shop, attempt, "THROTTLED", throttled);
                continue;
            }
            JsonNode errors = root.get("errors");
            if (errors != null && errors.isArray() && errors.size() > 0) {
                throw new AdminApiException("GraphQL errors: " + errors.size(), false);
            }
            JsonNode data = root.get("data");
            if (data == null || data.isNull()) {
                throw new AdminApiException("no data in the answer", false);
            }
            return data;
        }
    }

    private String token(ShopDomain shop) throws AdminApiException {
        try {
            return tokens.current(shop);
        } catch (AccessTokens.NoTokenException e) {
            throw new AdminApiException(e.getMessage(), e.temporary());
        }
    }

    private void retryOrFail(ShopDomain shop, int attempt, String why, Duration wait) throws AdminApiException {
        if (attempt >= MAX_ATTEMPTS) {
            throw new AdminApiException("Admin API call for " + shop + " failed after " + attempt + " attempts: " + why, true);
        }
        LOG.debug("Admin API call for {} attempt {}: {}; retrying in {} ms", shop, attempt, why, wait.toMillis());
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminApiException("interrupted", true);
        }
    }

    static Duration backoff(int attempt) {
        return Duration.ofMillis(Math.min(8000, 250L << (attempt - 1)));
    }

    /**
     * When the answer is a {@code THROTTLED} error, how long until the bucket holds the query's cost again:
     * (requested − available) / restore rate, at least half a second, at most 30 s.
     */
    static Duration throttleWait(JsonNode root) {
        JsonNode errors = root.get("errors");
        if (errors == null || !errors.isArray()) {
            return null;
        }
        boolean throttled = false;
        for (JsonNode error : errors.values()) {
            JsonNode ext = error.get("extensions");
            JsonNode code = ext == null ? null : ext.get("code");
            if (code != null && "THROTTLED".equals(code.coerceStringValue())) {
                throttled = true;
            }
        }
        if (!throttled) {
            return null;
        }
        double seconds = 1.0;
        JsonNode cost = root.get("extensions") == null ? null : root.get("extensions").get("cost");
        if (cost != null) {
            double requested = number(cost.get("requestedQueryCost"), 0);
            JsonNode status = cost.get("throttleStatus");
            double available = status == null ? 0 : number(status.get("currentlyAvailable"), 0);
            double restore = status == null ? 50 : number(status.get("restoreRate"), 50);
            if (restore > 0) {
                seconds = (requested - available) / restore;
            }
        }
        return Duration.ofMillis((long) (Math.max(0.5, Math.min(30, seconds)) * 1000));
    }

    private static double number(JsonNode node, double fallback) {
        return node != null && node.isNumber() ? node.getNumberValue().doubleValue() : fallback;
    }
}
