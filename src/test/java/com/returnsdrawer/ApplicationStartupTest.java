package com.returnsdrawer;

import com.returnsdrawer.support.AppProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The process as an operator starts it, outside the test environment. */
class ApplicationStartupTest {

    @Test
    void withoutConfigurationExitsNonZeroNamingEveryMissingVariableBeforeOpeningAPort(@TempDir Path dir) throws Exception {
        int port = AppProcess.freePort();
        Process process = AppProcess.builder(dir, Map.of("MICRONAUT_SERVER_PORT", String.valueOf(port)))
                .redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process must stop by itself");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertNotEquals(0, process.exitValue(), output);
        for (String variable : List.of("SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "SHOPIFY_APP_URL", "TOKEN_ENCRYPTION_KEY",
                "DATASOURCES_DEFAULT_URL")) {
            assertTrue(output.contains(variable), output);
        }
        assertTrue(!output.contains("Startup completed"), output);
    }

    @Test
    void anImportReachBeyondSixtyDaysWithoutReadAllOrdersStopsStartUpWithExitCode2(@TempDir Path dir) throws Exception {
        int port = AppProcess.freePort();
        Map<String, String> env = Map.of("MICRONAUT_SERVER_PORT", String.valueOf(port), "SHOPIFY_API_KEY", "key",
                "SHOPIFY_API_SECRET", "secret", "SHOPIFY_APP_URL", "https://app.example.com",
                "TOKEN_ENCRYPTION_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                "DATASOURCES_DEFAULT_URL", "jdbc:mysql://127.0.0.1:1/none", "ORDERS_IMPORT_DAYS", "365");
        Process process = AppProcess.builder(dir, env).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process must stop by itself");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, process.exitValue(), output);
        assertTrue(output.contains("ORDERS_IMPORT_DAYS") && output.contains("read_all_orders"), output);
        assertTrue(!output.contains("Startup completed"), output);
    }

    @Test
    void devEnvironmentStartsOnTheEmbeddedDatabaseFromAnEmptyFolder(@TempDir Path dir) throws Exception {
        int port = AppProcess.freePort();
        Process process = AppProcess.builder(dir, Map.of("MICRONAUT_ENVIRONMENTS", "dev",
                "MICRONAUT_SERVER_PORT", String.valueOf(port))).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile()).start();
        try {
            int status = awaitHealth(port, Duration.ofSeconds(60), process);
            assertEquals(200, status, Files.readString(dir.resolve("out.log")));
            assertTrue(Files.exists(dir.resolve(".returns-drawer/dev-secrets.properties")));
            // The URLs are logged once start-up completes, which may be just after the port opens.
            String log = "";
            for (int i = 0; i < 100 && !(log.contains("/dev/storefront") && log.contains("/dev/admin")); i++) {
                Thread.sleep(100);
                log = Files.readString(dir.resolve("out.log"));
            }
            assertTrue(log.contains("/dev/storefront") && log.contains("/dev/admin"), log);
        } finally {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    static int awaitHealth(int port, Duration timeout, Process process) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                return response.statusCode();
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        return -1;
    }
}
