package com.returnsdrawer.server;

import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.support.Json;
import com.returnsdrawer.support.Orders;
import com.returnsdrawer.support.TestShops;
import com.returnsdrawer.support.WebhookDeliveryRequest;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's own limits: idle connections (a slowloris) are closed after the read-idle timeout and never keep a
 * webhook out; connections beyond the cap are closed at once; bodies are small everywhere but on /webhooks.
 */
@MicronautTest(transactional = false)
@Property(name = "server.limits.max-connections", value = "505")
class ServerLimitsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    EmbeddedServer server;
    @Inject
    ServerLimits limits;

    private Socket open() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.getPort()), 5000);
        return socket;
    }

    /** True once the server closed the socket (end of stream or reset) within {@code millis}. */
    private static boolean closedWithin(Socket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[512];
            while (true) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void aSlowlorisOfFiveHundredIdleConnectionsNeitherKeepsAWebhookOutNorStaysOpen() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 500; i++) {
                Socket socket = open();
                if (i % 2 == 1) {
                    // Half a request, never finished.
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /webhooks HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\n{\"id\":")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                idle.add(socket);
            }
            ShopDomain shop = TestShops.unique("slowloris");
            long started = System.nanoTime();
            HttpResponse<String> accepted = WebhookDeliveryRequest.of("orders/create", shop,
                    Orders.order(1, 1, Instant.now())).send(server.getURI());
            assertEquals(200, accepted.statusCode());
            // Shopify waits 5 s; the margin is for a loaded test machine.
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 10_000, "answered in time");

            // Past the cap (505, the webhook's connection included), a new connection is closed at once.
            List<Socket> extra = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                extra.add(open());
            }
            int refused = 0;
            List<Socket> open = new ArrayList<>(extra);
            long refuseDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!open.isEmpty() && System.nanoTime() < refuseDeadline && refused < 20) {
                for (var it = open.iterator(); it.hasNext(); ) {
                    Socket socket = it.next();
                    if (closedWithin(socket, 20)) {
                        refused++;
                        it.remove();
                    }
                }
            }
            for (Socket socket : extra) {
                socket.close();
            }
            assertTrue(refused >= 20, "connections past the cap are closed, " + refused + " of 40 were");

            // The idle ones are closed after the read-idle timeout (15 s).
            long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
            for (Socket socket : idle) {
                int left = (int) Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis());
                assertTrue(closedWithin(socket, left), "an idle connection is closed after the timeout");
            }
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (limits.openConnections() > 2 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertTrue(limits.openConnections() <= 2, "open connections: " + limits.openConnections());
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    private int send(String method, String path, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            // The server may close while the client is still sending; the answer was written first.
            return -1;
        }
    }

    @Test
    void aMebibyteToAnyRouteButWebhooksIs413() throws Exception {
        byte[] mebibyte = new byte[1024 * 1024];
        Arrays.fill(mebibyte, (byte) ' ');
        assertEquals(413, send("PUT", "/api/settings", mebibyte));
        assertEquals(413, send("POST", "/proxy/orders", mebibyte));
        assertEquals(413, send("POST", "/auth/callback", mebibyte));
        // A small body still reaches the route (401: no session token).
        assertEquals(401, send("PUT", "/api/settings", "{}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFiveMebibyteWebhookIsAcceptedAndOneByteMoreIs413() throws Exception {
        ShopDomain shop = TestShops.unique("big");
        Map<String, Object> order = Orders.order(1, 1, Instant.now());
        order.put("note", "");
        int base = Json.bytes(order).length;
        order.put("note", "x".repeat(5 * 1024 * 1024 - base));
        byte[] body = Json.bytes(order);
        assertEquals(5 * 1024 * 1024, body.length);
        assertEquals(200, WebhookDeliveryRequest.of("orders/create", shop, body).send(server.getURI()).statusCode());

        byte[] over = Arrays.copyOf(body, body.length + 1);
        over[over.length - 1] = ' ';
        int status;
        try {
            status = WebhookDeliveryRequest.of("orders/create", shop, over).send(server.getURI()).statusCode();
        } catch (RuntimeException e) {
            status = -1;
        }
        assertEquals(413, status);
    }
}
