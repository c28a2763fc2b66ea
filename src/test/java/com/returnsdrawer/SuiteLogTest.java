package com.returnsdrawer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No secret, token, email or address reaches a log line: reads every line the suite logged
 * (src/test/resources/logback-test.xml writes them to target/test-logs/suite.log) — it runs after every other test
 * class (support/SuiteLogLast) — and looks for the suite's own secrets, Shopify token shapes, session tokens and
 * the fixtures' customer emails, addresses and phone numbers.
 */
class SuiteLogTest {

    private static final Path SUITE_LOG = Path.of("target/test-logs/suite.log");

    private static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile(Pattern.quote("test-api-secret")),
            Pattern.compile(Pattern.quote("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8")),
            Pattern.compile(Pattern.quote("test-metrics-token")),
            // Shopify access and refresh tokens (shpat_, shpua_, shprt_, shpca_, shpss_).
            Pattern.compile("shp(at|ua|rt|ca|ss|pa)_[A-Za-z0-9_.-]+"),
            // Session tokens and any other JWT.
            Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"),
            // Customer emails of the fixtures and the tests.
            Pattern.compile("[A-Za-z0-9._%+-]+@(example\\.com|supertoys\\.com|[A-Za-z0-9-]+\\.example)\\b"),
            // The fixtures' addresses and phone numbers.
            Pattern.compile("123 Elm St|123 Shipping Street|190 MacLaren Street|K2H7A8|K2H 7A8"),
            Pattern.compile("555-625-1199|123-123-1234|3213213210|555-555-SHIP"));

    static List<String> leaks(List<String> lines) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            for (Pattern pattern : FORBIDDEN) {
                if (pattern.matcher(lines.get(i)).find()) {
                    found.add("line " + (i + 1) + " matches " + pattern + ": " + lines.get(i));
                }
            }
        }
        return found;
    }

    @Test
    void theCheckRecognisesEachKindOfSecret() {
        List<String> planted = List.of(
                "verifying with test-api-secret",
                "token shpat_abc123 stored",
                "refresh shprt_x.myshopify.com_1",
                "session eyJhbGciOiJIUzI1NiJ9.eyJkZXN0IjoiaHR0cHMi.sig",
                "customer jon@example.com",
                "ship to 123 Shipping Street",
                "order 450789469 of shop a.myshopify.com, topic orders/create");
        assertEquals(6, leaks(planted).size(), String.join("\n", leaks(planted)));
    }

    @Test
    void noLineTheSuiteLoggedCarriesASecretTokenEmailOrAddress() throws IOException {
        assertTrue(Files.exists(SUITE_LOG), "the test logging configuration writes every line to " + SUITE_LOG);
        List<String> lines = Files.readAllLines(SUITE_LOG, StandardCharsets.UTF_8);
        List<String> found = leaks(lines);
        assertTrue(found.isEmpty(), found.size() + " log lines leak:\n" + String.join("\n", found.subList(0, Math.min(20, found.size()))));
    }
}
