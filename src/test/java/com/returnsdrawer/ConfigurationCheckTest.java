package com.returnsdrawer;

import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigurationCheckTest {

    private static List<String> problems(Map<String, Object> values) {
        return ConfigurationCheck.problems(new PropertySourcePropertyResolver(PropertySource.of(values)));
    }

    private static Map<String, Object> valid() {
        Map<String, Object> values = new HashMap<>();
        values.put("shopify.api-key", "key");
        values.put("shopify.api-secret", "secret");
        values.put("shopify.app-url", "https://app.example.com");
        values.put("token.encryption-key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        values.put("datasources.default.url", "jdbc:mysql://db:3306/app");
        return values;
    }

    @Test
    void acceptsACompleteConfiguration() {
        assertEquals(List.of(), problems(valid()));
    }

    @Test
    void namesEveryMissingVariableInOneMessage() {
        List<String> problems = problems(Map.of());
        assertEquals(1, problems.size());
        String message = ConfigurationCheck.message(problems);
        for (String variable : List.of("SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "SHOPIFY_APP_URL", "TOKEN_ENCRYPTION_KEY",
                "DATASOURCES_DEFAULT_URL")) {
            assertTrue(message.contains(variable), message);
        }
    }

    @Test
    void namesMalformedValuesWithoutEchoingSecrets() {
        Map<String, Object> values = valid();
        values.put("shopify.app-url", "http://app.example.com");
        values.put("token.encryption-key", "c2hvcnQ=");
        values.put("shopify.hmac-window-seconds", "-5");
        values.put("datasources.default.url", "postgres://x");
        values.put("shopify.shop-base-url", "not a url {shop}");
        String message = ConfigurationCheck.message(problems(values));
        for (String variable : List.of("SHOPIFY_APP_URL", "TOKEN_ENCRYPTION_KEY", "SHOPIFY_HMAC_WINDOW_SECONDS",
                "DATASOURCES_DEFAULT_URL", "SHOPIFY_SHOP_BASE_URL")) {
            assertTrue(message.contains(variable), message);
        }
        assertTrue(!message.contains("c2hvcnQ="), message);
    }

    @Test
    void allowsPlainHttpOnlyForLocalhost() {
        Map<String, Object> values = valid();
        values.put("shopify.app-url", "http://localhost:8080");
        assertEquals(List.of(), problems(values));
        values.put("shopify.app-url", "http://127.0.0.1:8080");
        assertEquals(List.of(), problems(values));
        values.put("shopify.app-url", "https://user:pw@app.example.com");
        assertEquals(1, problems(values).size());
    }

    @Test
    void emptyPasswordIsAValidPassword() {
        Map<String, Object> values = valid();
        values.put("datasources.default.password", "");
        assertEquals(List.of(), problems(values));
    }

    @Test
    void providerApiBaseUrlsAreHttpsOrLocalAndTheTimeoutIsMilliseconds() {
        Map<String, Object> values = valid();
        values.put("loop.api-base-url", "https://api.loopreturns.com");
        values.put("aftership.api-base-url", "http://127.0.0.1:9000");
        values.put("provider-api.timeout-ms", "300");
        assertEquals(List.of(), problems(values));
        values.put("loop.api-base-url", "http://api.loopreturns.com");
        values.put("aftership.api-base-url", "ftp://api.aftership.com");
        values.put("provider-api.timeout-ms", "soon");
        String message = ConfigurationCheck.message(problems(values));
        for (String variable : List.of("LOOP_API_BASE_URL", "AFTERSHIP_API_BASE_URL", "PROVIDER_API_TIMEOUT_MS")) {
            assertTrue(message.contains(variable), message);
        }
    }
}
