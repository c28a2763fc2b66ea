package com.returnsdrawer.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for Loop's and AfterShip's deep-link APIs (both paths on one server): answers every call with
 * the status and body a test sets, after an optional delay, and logs each request as it arrived.
 */
public final class ProviderStandIn implements AutoCloseable {

    public static final String LOOP_PATH = "/api/v1/order/link";
    public static final String AFTERSHIP_PATH = "/returns/2026-07/returns/link";

    /** One request as the provider saw it; header names in lower case. */
    public record Request(String method, String path, Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> log = Collections.synchronizedList(new ArrayList<>());
    private volatile int status = 200;
    private volatile String loopBody = "{\"url\": \"https://acme.loopreturns.com/#/lookup/deep-1001\"}";
    private volatile String aftershipBody = "{\"meta\": {\"code\": 200}, \"data\": {\"url\": \"https://acme.returns.aftership.com/deep/1001\"}}";
    private volatile long delayMillis;

    public ProviderStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every call from now on is answered with this status and body (the same for both providers). */
    public void answer(int status, String body) {
        this.status = status;
        this.loopBody = body;
        this.aftershipBody = body;
    }

    /** Answers 200 with the given deep-link URL, in each provider's shape. */
    public void answerUrl(String url) {
        this.status = 200;
        this.loopBody = "{\"url\": \"" + url + "\"}";
        this.aftershipBody = "{\"meta\": {\"code\": 200}, \"data\": {\"url\": \"" + url + "\"}}";
    }

    public void delay(long millis) {
        this.delayMillis = millis;
    }

    public List<Request> requests() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    public void clear() {
        log.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            log.add(new Request(exchange.getRequestMethod(), path, headers, body));
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            byte[] out = (path.equals(AFTERSHIP_PATH) ? aftershipBody : loopBody).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the app gave up waiting and closed the connection
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
