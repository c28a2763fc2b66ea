package com.returnsdrawer.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Shopify, reached through {@code SHOPIFY_SHOP_BASE_URL = http://127.0.0.1:{port}/{shop}}:
 * the token endpoint (authorization code, token exchange, refresh) with real token rotation (a refresh
 * invalidates the previous refresh token, as Shopify does), the GraphQL Admin API with order pages, injected
 * failures, and a log of every request it answered.
 */
public final class ShopifyStandIn implements AutoCloseable {

    public static final String CLIENT_ID = "test-api-key";
    public static final String CLIENT_SECRET = "test-api-secret";

    /** One request as Shopify saw it. */
    public record Request(String shop, String path, Map<String, Object> body, Map<String, String> headers) {
        public String grantType() {
            Object g = body.get("grant_type");
            if (g != null) {
                return g.toString();
            }
            return body.containsKey("code") ? "authorization_code" : null;
        }
    }

    private record Tokens(String access, String refresh) {
    }

    private final HttpServer server;
    private final List<Request> log = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Tokens> tokens = new ConcurrentHashMap<>();
    private final Map<String, List<Map<String, Object>>> orders = new ConcurrentHashMap<>();
    private final AtomicInteger serial = new AtomicInteger();
    /** Status codes (or -1 for "hang past the client's timeout") the token endpoint answers next, in order. */
    public final Deque<Integer> tokenFailures = new ConcurrentLinkedDeque<>();
    /** Answers the GraphQL endpoint gives next: an HTTP status, or 0 for a THROTTLED error. */
    public final Deque<Integer> graphqlFailures = new ConcurrentLinkedDeque<>();
    public volatile boolean rejectSubjectTokens;
    public volatile long refreshDelayMillis;
    /** How long each GraphQL answer takes, so a test can act while an import is between pages. */
    public volatile long graphqlDelayMillis;
    public volatile long expiresIn = 3600;
    /** The scopes the token endpoint says it granted (more than the app asks for by default, as a shop may hold). */
    public volatile String grantedScopes = "read_orders,read_returns,write_app_proxy";

    public ShopifyStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String shopBaseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/{shop}";
    }

    public List<Request> requests() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    public List<Request> tokenRequests(String shop, String grantType) {
        return requests().stream().filter(r -> r.shop().equals(shop) && r.path().endsWith("/admin/oauth/access_token")
                && grantType.equals(r.grantType())).toList();
    }

    public List<Request> graphqlRequests(String shop) {
        return requests().stream().filter(r -> r.shop().equals(shop) && r.path().endsWith("/graphql.json")).toList();
    }

    /** The tokens Shopify currently honours for {@code shop}. */
    public String accessToken(String shop) {
        Tokens t = tokens.get(shop);
        return t == null ? null : t.access();
    }

    public String refreshToken(String shop) {
        Tokens t = tokens.get(shop);
        return t == null ? null : t.refresh();
    }

    /** A non-expiring legacy token Shopify honours, to be migrated. */
    public void legacyToken(String shop, String token) {
        tokens.put(shop, new Tokens(token, null));
    }

    /** Makes Shopify reject the current access token (as after a rotation elsewhere), keeping the refresh token. */
    public void revokeAccess(String shop) {
        Tokens t = tokens.get(shop);
        tokens.put(shop, new Tokens("revoked-" + serial.incrementAndGet(), t == null ? null : t.refresh()));
    }

    /** Orders the GraphQL endpoint serves for {@code shop}, in GraphQL shape, oldest update first. */
    public void orders(String shop, List<Map<String, Object>> nodes) {
        orders.put(shop, List.copyOf(nodes));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String[] parts = path.split("/", 3);
            String shop = parts.length > 1 ? parts[1] : "";
            byte[] raw = exchange.getRequestBody().readAllBytes();
            Map<String, Object> body = parseBody(raw, exchange.getRequestHeaders().getFirst("Content-Type"));
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            log.add(new Request(shop, path, body, headers));
            if (path.endsWith("/admin/oauth/access_token") && "POST".equals(exchange.getRequestMethod())) {
                token(exchange, shop, body);
            } else if (path.matches("/[^/]+/admin/api/[^/]+/graphql\\.json")) {
                graphql(exchange, shop, body, headers);
            } else {
                send(exchange, 404, Map.of("errors", "Not Found"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void token(HttpExchange exchange, String shop, Map<String, Object> body) throws IOException, InterruptedException {
        Integer failure = tokenFailures.poll();
        if (failure != null) {
            if (failure < 0) {
                Thread.sleep(15_000);
                return;
            }
            send(exchange, failure, Map.of("error", failure >= 500 ? "server_error" : "invalid_request"));
            return;
        }
        if (!CLIENT_ID.equals(body.get("client_id")) || !CLIENT_SECRET.equals(body.get("client_secret"))) {
            send(exchange, 401, Map.of("error", "invalid_client"));
            return;
        }
        Object grant = body.get("grant_type");
        synchronized (this) {
            if (grant == null) {
                if (!"good-code".equals(body.get("code"))) {
                    send(exchange, 400, Map.of("error", "invalid_grant"));
                    return;
                }
            } else if ("refresh_token".equals(grant)) {
                Thread.sleep(refreshDelayMillis);
                Tokens current = tokens.get(shop);
                if (current == null || current.refresh() == null || !current.refresh().equals(body.get("refresh_token"))) {
                    send(exchange, 400, Map.of("error", "invalid_grant"));
                    return;
                }
            } else if ("urn:ietf:params:oauth:grant-type:token-exchange".equals(grant)) {
                boolean legacy = "urn:shopify:params:oauth:token-type:offline-access-token".equals(body.get("subject_token_type"));
                Tokens current = tokens.get(shop);
                if (legacy ? current == null || !current.access().equals(body.get("subject_token"))
                        : rejectSubjectTokens || body.get("subject_token") == null) {
                    send(exchange, 400, Map.of("error", "invalid_subject_token",
                            "error_description", "Token exchange failed"));
                    return;
                }
            } else {
                send(exchange, 400, Map.of("error", "unsupported_grant_type"));
                return;
            }
            int n = serial.incrementAndGet();
            Tokens issued = new Tokens("shpat_" + shop + "_" + n, "shprt_" + shop + "_" + n);
            tokens.put(shop, issued);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("access_token", issued.access());
            answer.put("scope", grantedScopes);
            answer.put("expires_in", expiresIn);
            answer.put("refresh_token", issued.refresh());
            answer.put("refresh_token_expires_in", 7_776_000);
            send(exchange, 200, answer);
        }
    }

    @SuppressWarnings("unchecked")
    private void graphql(HttpExchange exchange, String shop, Map<String, Object> body, Map<String, String> headers)
            throws IOException, InterruptedException {
        Thread.sleep(graphqlDelayMillis);
        Tokens current = tokens.get(shop);
        if (current == null || !current.access().equals(headers.get("x-shopify-access-token"))) {
            send(exchange, 401, Map.of("errors", "[API] Invalid API key or access token (unrecognized login or wrong password)"));
            return;
        }
        Integer failure = graphqlFailures.poll();
        if (failure != null) {
            if (failure == 0) {
                send(exchange, 200, Map.of("errors", List.of(Map.of("message", "Throttled", "extensions", Map.of("code", "THROTTLED"))),
                        "extensions", Map.of("cost", Map.of("requestedQueryCost", 100, "actualQueryCost", 0,
                                "throttleStatus", Map.of("maximumAvailable", 2000, "currentlyAvailable", 50, "restoreRate", 100)))));
            } else {
                send(exchange, failure, Map.of("errors", "Internal error"));
            }
            return;
        }
        Map<String, Object> variables = (Map<String, Object>) body.getOrDefault("variables", Map.of());
        int first = ((Number) variables.getOrDefault("first", 50)).intValue();
        Object after = variables.get("after");
        int start = after == null ? 0 : Integer.parseInt(after.toString());
        List<Map<String, Object>> all = orders.getOrDefault(shop, List.of());
        int end = Math.min(all.size(), start + first);
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", end < all.size());
        pageInfo.put("endCursor", end == start ? null : String.valueOf(end));
        send(exchange, 200, Map.of("data", Map.of("orders", Map.of("pageInfo", pageInfo, "nodes", all.subList(start, end))),
                "extensions", Map.of("cost", Map.of("requestedQueryCost", 500, "actualQueryCost", 100,
                        "throttleStatus", Map.of("maximumAvailable", 2000, "currentlyAvailable", 1900, "restoreRate", 100)))));
    }

    private static Map<String, Object> parseBody(byte[] raw, String contentType) {
        if (raw.length == 0) {
            return Map.of();
        }
        if (contentType != null && contentType.contains("application/x-www-form-urlencoded")) {
            Map<String, Object> form = new LinkedHashMap<>();
            for (String pair : new String(raw, StandardCharsets.UTF_8).split("&")) {
                int eq = pair.indexOf('=');
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return form;
        }
        return Json.read(raw);
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Json.bytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A GraphQL order node as the import query receives it. */
    public static Map<String, Object> graphqlOrder(long id, long customerId, String updatedAt, String shipment) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("legacyResourceId", String.valueOf(id));
        o.put("name", "#" + (id % 100000));
        o.put("number", id % 100000);
        o.put("email", "buyer@example.com");
        o.put("createdAt", "2026-10-01T10:00:00Z");
        o.put("updatedAt", updatedAt);
        o.put("cancelledAt", null);
        o.put("customerLocale", "en");
        o.put("displayFinancialStatus", "PAID");
        o.put("displayFulfillmentStatus", shipment == null ? "UNFULFILLED" : "FULFILLED");
        o.put("totalPriceSet", Map.of("shopMoney", Map.of("amount", "25.00", "currencyCode", "EUR")));
        o.put("customer", Map.of("legacyResourceId", String.valueOf(customerId), "email", "buyer@example.com"));
        o.put("shippingAddress", Map.of("zip", "10115"));
        o.put("billingAddress", null);
        o.put("lineItems", Map.of("nodes", List.of(Map.of("id", "gid://shopify/LineItem/" + (id * 10), "title", "Imported mug",
                "variantTitle", "Blue", "quantity", 2, "originalUnitPriceSet", Map.of("shopMoney", Map.of("amount", "12.50")),
                "variant", Map.of("legacyResourceId", "555"), "product", Map.of("legacyResourceId", "777"),
                "image", Map.of("url", "https://cdn.shopify.com/mug.png")))));
        List<Map<String, Object>> fulfillments = new ArrayList<>();
        if (shipment != null) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("legacyResourceId", String.valueOf(id + 1));
            f.put("status", "SUCCESS");
            f.put("displayStatus", shipment);
            f.put("createdAt", "2026-10-02T10:00:00Z");
            f.put("updatedAt", updatedAt);
            f.put("deliveredAt", "DELIVERED".equals(shipment) ? "2026-10-05T10:00:00Z" : null);
            f.put("trackingInfo", List.of(Map.of("company", "DHL", "number", "JD0001", "url", "https://dhl.example/JD0001")));
            fulfillments.add(f);
        }
        o.put("fulfillments", fulfillments);
        o.put("returns", Map.of("nodes", List.of()));
        return o;
    }

    /** The order node with these returns ({@code "gid://shopify/Return/1", "OPEN", …}: id and status pairs). */
    public static Map<String, Object> withReturns(Map<String, Object> order, String... idsAndStatuses) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (int i = 0; i < idsAndStatuses.length; i += 2) {
            nodes.add(Map.of("id", idsAndStatuses[i], "status", idsAndStatuses[i + 1]));
        }
        order.put("returns", Map.of("nodes", nodes));
        return order;
    }
}
