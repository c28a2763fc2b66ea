package com.returnsdrawer.shopify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Shopify's bulk query operations (shopify.dev: api/usage/bulk-operations/queries): starting one
 * ({@code bulkOperationRunQuery}), reading its state by id ({@code node(id:)}), and opening its JSONL result. The
 * result URL is a signed storage link, fetched without the shop's token.
 */
@Singleton
public class BulkOperations {

    /** Where an operation stands (shopify.dev: admin-graphql BulkOperationStatus). */
    public enum Status {
        CREATED, RUNNING, CANCELING, COMPLETED, CANCELED, FAILED, EXPIRED, UNKNOWN;

        static Status of(@Nullable String value) {
            try {
                return value == null ? UNKNOWN : valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return UNKNOWN;
            }
        }

        /** Shopify is still working on it. */
        public boolean inProgress() {
            return this == CREATED || this == RUNNING || this == CANCELING;
        }
    }

    /** One operation as Shopify states it; {@code url} is null while it runs, and when it found nothing. */
    public record Operation(String id, Status status, @Nullable String errorCode, @Nullable String url,
                            @Nullable Instant createdAt) {
    }

    static final String RUN = """
            mutation ReturnsDrawerBulkRun($query: String!) {
              bulkOperationRunQuery(query: $query, groupObjects: true) {
                bulkOperation { id status errorCode url createdAt }
                userErrors { field message code }
              }
            }""";

    static final String CURRENT = """
            query ReturnsDrawerBulkCurrent {
              currentBulkOperation(type: QUERY) { id status errorCode url createdAt query }
            }""";

    static final String FIND = """
            query ReturnsDrawerBulkFind($id: ID!) {
              node(id: $id) { ... on BulkOperation { id status errorCode url createdAt } }
            }""";

    private final AdminApiClient api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    BulkOperations(AdminApiClient api) {
        this.api = api;
    }

    /**
     * Starts a bulk query. When Shopify refuses because an operation is already running for the app and shop, and
     * that operation runs this very query (started by an instance that stopped before recording it), that one is
     * returned instead of starting a second.
     */
    public Operation run(ShopDomain shop, String query) throws AdminApiClient.AdminApiException {
        Map<String, Object> variables = new HashMap<>();
        variables.put("query", query);
        JsonNode payload = api.query(shop, RUN, variables).get("bulkOperationRunQuery");
        JsonNode errors = payload == null ? null : payload.get("userErrors");
        if (errors != null && errors.isArray() && errors.size() > 0) {
            String code = text(errors.get(0), "code");
            Optional<Operation> running = current(shop, query);
            if (running.isPresent()) {
                return running.get();
            }
            // Another operation of this app is running for the shop: it will end, and the import is tried again.
            throw new AdminApiClient.AdminApiException("bulkOperationRunQuery refused: " + code,
                    "OPERATION_IN_PROGRESS".equals(code) || "LIMIT_REACHED".equals(code));
        }
        Operation started = payload == null ? null : operation(payload.get("bulkOperation"));
        if (started == null) {
            throw new AdminApiClient.AdminApiException("bulkOperationRunQuery answered no operation", true);
        }
        return started;
    }

    /** The app's current bulk query for the shop, when it is this query and still in progress or completed. */
    private Optional<Operation> current(ShopDomain shop, String query) throws AdminApiClient.AdminApiException {
        JsonNode node = api.query(shop, CURRENT, Map.of()).get("currentBulkOperation");
        Operation op = operation(node);
        if (op == null || !query.equals(text(node, "query"))
                || !(op.status().inProgress() || op.status() == Status.COMPLETED)) {
            return Optional.empty();
        }
        return Optional.of(op);
    }

    /** The operation as it stands now; empty when Shopify no longer knows it. */
    public Optional<Operation> find(ShopDomain shop, String id) throws AdminApiClient.AdminApiException {
        return Optional.ofNullable(operation(api.query(shop, FIND, Map.of("id", id)).get("node")));
    }

    /**
     * Opens the result file from byte {@code from} on (a resumed read): by a range request, or by skipping bytes when
     * the server ignores it. Plain {@code http://} only to this machine (tests and benchmarks).
     */
    public InputStream open(String url, long from) throws IOException {
        URI uri = URI.create(url);
        String host = uri.getHost() == null ? "" : uri.getHost();
        boolean local = host.equals("127.0.0.1") || host.equals("localhost");
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !("http".equalsIgnoreCase(uri.getScheme()) && local)) {
            throw new IOException("bulk result URL is not https");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
        if (from > 0) {
            request.header("Range", "bytes=" + from + "-");
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        int status = response.statusCode();
        InputStream body = response.body();
        if (status == 206 && from > 0) {
            return body;
        }
        if (status != 200) {
            body.close();
            throw new IOException("bulk result answered " + status);
        }
        body.skipNBytes(from);
        return body;
    }

    private static Operation operation(@Nullable JsonNode node) {
        if (node == null || !node.isObject() || text(node, "id") == null) {
            return null;
        }
        String created = text(node, "createdAt");
        return new Operation(text(node, "id"), Status.of(text(node, "status")), text(node, "errorCode"), text(node, "url"),
                created == null ? null : OffsetDateTime.parse(created).toInstant());
    }

    private static String text(@Nullable JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.coerceStringValue();
    }
}
