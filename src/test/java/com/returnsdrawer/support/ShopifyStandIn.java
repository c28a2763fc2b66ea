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
 * invalidates the previous refresh token, as Shopify does), the GraphQL Admin API with order pages (line items 25 at
 * a time, the rest through {@code order(id:)}), {@code ordersCount}, bulk query operations (started by
 * {@code bulkOperationRunQuery}, read by {@code node(id:)} and {@code currentBulkOperation}, their JSONL result served
 * over HTTP with range requests, children after their parent as Shopify writes them), injected failures, and a log of
 * every request it answered.
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

    /** A bulk operation as Shopify holds it; tests move it on with {@link #finishBulk}. */
    public static final class BulkOp {
        public final String id;
        public final String shop;
        public final String query;
        final byte[] file;
        public volatile String status = "RUNNING";
        public volatile String errorCode;

        BulkOp(String id, String shop, String query, byte[] file) {
            this.id = id;
            this.shop = shop;
            this.query = query;
            this.file = file;
        }
    }

    private final HttpServer server;
    private final Map<String, BulkOp> bulkOps = Collections.synchronizedMap(new LinkedHashMap<>());
    /** Shops whose new bulk operations run until {@link #finishBulk}; every other shop's complete as they are created. */
    public final java.util.Set<String> bulkRunsUntilFinished = ConcurrentHashMap.newKeySet();
    /** User error codes {@code bulkOperationRunQuery} answers next, in order (e.g. OPERATION_IN_PROGRESS). */
    public final Deque<String> bulkRunErrors = new ConcurrentLinkedDeque<>();
    /** When set, the next download of a result file breaks off after this many bytes (once). */
    public volatile Integer bulkCutAfterBytes;
    /** The {@code Range} header (or "" for none) of every result file download, in order. */
    public final List<String> bulkDownloads = Collections.synchronizedList(new ArrayList<>());
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
            if (path.startsWith("/bulk-results/") && "GET".equals(exchange.getRequestMethod())) {
                bulkFile(exchange, path.substring("/bulk-results/".length()).replace(".jsonl", ""), headers.get("range"));
            } else if (path.endsWith("/admin/oauth/access_token") && "POST".equals(exchange.getRequestMethod())) {
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
        String query = String.valueOf(body.get("query"));
        if (query.contains("bulkOperationRunQuery")) {
            bulkRun(exchange, shop, String.valueOf(variables.get("query")));
            return;
        }
        if (query.contains("currentBulkOperation")) {
            BulkOp latest = null;
            synchronized (bulkOps) {
                for (BulkOp op : bulkOps.values()) {
                    if (op.shop.equals(shop)) {
                        latest = op;
                    }
                }
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("currentBulkOperation", latest == null ? null : bulkView(latest, true));
            send(exchange, 200, Map.of("data", data));
            return;
        }
        if (query.contains("ReturnsDrawerBulkFind")) {
            BulkOp op = bulkOps.get(String.valueOf(variables.get("id")));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("node", op == null || !op.shop.equals(shop) ? null : bulkView(op, false));
            send(exchange, 200, Map.of("data", data));
            return;
        }
        if (query.contains("ordersCount")) {
            send(exchange, 200, Map.of("data", Map.of("ordersCount", Map.of("count", orders.getOrDefault(shop, List.of()).size(),
                    "precision", "EXACT"))));
            return;
        }
        if (query.contains("ReturnsDrawerOrderLineItems")) {
            String gid = String.valueOf(variables.get("id"));
            Map<String, Object> order = orders.getOrDefault(shop, List.of()).stream()
                    .filter(o -> gid.equals("gid://shopify/Order/" + o.get("legacyResourceId"))).findFirst().orElse(null);
            Map<String, Object> data = new LinkedHashMap<>();
            if (order == null) {
                data.put("order", null);
            } else {
                Object afterItems = variables.get("after");
                data.put("order", Map.of("lineItems", lineItemPage(order, afterItems == null ? 0 : Integer.parseInt(afterItems.toString()), 250)));
            }
            send(exchange, 200, Map.of("data", data));
            return;
        }
        int first = ((Number) variables.getOrDefault("first", 50)).intValue();
        Object after = variables.get("after");
        int start = after == null ? 0 : Integer.parseInt(after.toString());
        List<Map<String, Object>> all = orders.getOrDefault(shop, List.of());
        int end = Math.min(all.size(), start + first);
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", end < all.size());
        pageInfo.put("endCursor", end == start ? null : String.valueOf(end));
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (Map<String, Object> node : all.subList(start, end)) {
            Map<String, Object> paged = new LinkedHashMap<>(node);
            paged.put("lineItems", lineItemPage(node, 0, 25));
            nodes.add(paged);
        }
        send(exchange, 200, Map.of("data", Map.of("orders", Map.of("pageInfo", pageInfo, "nodes", nodes)),
                "extensions", Map.of("cost", Map.of("requestedQueryCost", 500, "actualQueryCost", 100,
                        "throttleStatus", Map.of("maximumAvailable", 2000, "currentlyAvailable", 1900, "restoreRate", 100)))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> lineItemPage(Map<String, Object> order, int from, int first) {
        List<Object> items = (List<Object>) ((Map<String, Object>) order.get("lineItems")).get("nodes");
        int to = Math.min(items.size(), from + first);
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", to < items.size());
        pageInfo.put("endCursor", String.valueOf(to));
        return Map.of("pageInfo", pageInfo, "nodes", items.subList(Math.min(from, to), to));
    }

    private void bulkRun(HttpExchange exchange, String shop, String query) throws IOException {
        String refused = bulkRunErrors.poll();
        Map<String, Object> payload = new LinkedHashMap<>();
        if (refused != null) {
            payload.put("bulkOperation", null);
            payload.put("userErrors", List.of(Map.of("field", List.of("query"), "message", "refused", "code", refused)));
        } else {
            String id = "gid://shopify/BulkOperation/" + (1_000 + serial.incrementAndGet());
            BulkOp op = new BulkOp(id, shop, query, jsonl(orders.getOrDefault(shop, List.of())));
            if (!bulkRunsUntilFinished.contains(shop)) {
                op.status = "COMPLETED";
            }
            bulkOps.put(id, op);
            payload.put("bulkOperation", bulkView(op, false));
            payload.put("userErrors", List.of());
        }
        send(exchange, 200, Map.of("data", Map.of("bulkOperationRunQuery", payload)));
    }

    private Map<String, Object> bulkView(BulkOp op, boolean withQuery) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", op.id);
        view.put("status", op.status);
        view.put("errorCode", op.errorCode);
        view.put("url", "COMPLETED".equals(op.status)
                ? "http://127.0.0.1:" + server.getAddress().getPort() + "/bulk-results/" + op.id.substring(op.id.lastIndexOf('/') + 1) + ".jsonl"
                : null);
        view.put("createdAt", "2026-11-20T10:00:00Z");
        if (withQuery) {
            view.put("query", op.query);
        }
        return view;
    }

    /** The bulk operations started for {@code shop}, oldest first. */
    public List<BulkOp> bulkOperations(String shop) {
        synchronized (bulkOps) {
            return bulkOps.values().stream().filter(op -> op.shop.equals(shop)).toList();
        }
    }

    /** Ends the shop's latest operation with {@code status} (COMPLETED, FAILED, CANCELED) and returns it. */
    public BulkOp finishBulk(String shop, String status, String errorCode) {
        List<BulkOp> ops = bulkOperations(shop);
        BulkOp op = ops.get(ops.size() - 1);
        op.errorCode = errorCode;
        op.status = status;
        return op;
    }

    /** The result file of an operation: each order's line, then its line items' and returns' lines. */
    @SuppressWarnings("unchecked")
    public static byte[] jsonl(List<Map<String, Object>> nodes) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Map<String, Object> node : nodes) {
            String gid = "gid://shopify/Order/" + node.get("legacyResourceId");
            Map<String, Object> parent = new LinkedHashMap<>();
            parent.put("id", gid);
            parent.putAll(node);
            parent.remove("lineItems");
            parent.remove("returns");
            line(out, parent);
            for (String connection : List.of("lineItems", "returns")) {
                Map<String, Object> holder = (Map<String, Object>) node.get(connection);
                for (Object child : holder == null ? List.of() : (List<Object>) holder.get("nodes")) {
                    Map<String, Object> line = new LinkedHashMap<>((Map<String, Object>) child);
                    line.put("__parentId", gid);
                    line(out, line);
                }
            }
        }
        return out.toByteArray();
    }

    private static void line(java.io.ByteArrayOutputStream out, Map<String, Object> object) {
        byte[] bytes = Json.bytes(object);
        out.write(bytes, 0, bytes.length);
        out.write('\n');
    }

    private void bulkFile(HttpExchange exchange, String number, String range) throws IOException {
        bulkDownloads.add(range == null ? "" : range);
        BulkOp op = bulkOps.get("gid://shopify/BulkOperation/" + number);
        if (op == null) {
            send(exchange, 404, Map.of("errors", "Not Found"));
            return;
        }
        int from = range != null && range.startsWith("bytes=") ? Integer.parseInt(range.substring(6, range.indexOf('-'))) : 0;
        int length = op.file.length - from;
        exchange.getResponseHeaders().add("Content-Type", "application/jsonl");
        exchange.sendResponseHeaders(from > 0 ? 206 : 200, length == 0 ? -1 : length);
        Integer cut = bulkCutAfterBytes;
        bulkCutAfterBytes = null;
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(op.file, from, cut == null ? length : Math.min(cut, length));
        }
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

    /** An order node with {@code items} line items (ids {@code id * 1000 + k}), as the import query receives it. */
    public static Map<String, Object> graphqlOrderWithItems(long id, long customerId, String updatedAt, int items) {
        Map<String, Object> o = graphqlOrder(id, customerId, updatedAt, "DELIVERED");
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (int k = 0; k < items; k++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", "gid://shopify/LineItem/" + (id * 1000 + k));
            item.put("title", "Item " + k);
            item.put("variantTitle", null);
            item.put("quantity", 1);
            item.put("originalUnitPriceSet", Map.of("shopMoney", Map.of("amount", "1.00")));
            item.put("variant", Map.of("legacyResourceId", String.valueOf(10_000 + k)));
            item.put("product", Map.of("legacyResourceId", String.valueOf(20_000 + k)));
            item.put("image", null);
            nodes.add(item);
        }
        o.put("lineItems", Map.of("nodes", nodes));
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
