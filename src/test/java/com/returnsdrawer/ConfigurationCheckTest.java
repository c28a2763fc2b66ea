package com.returnsdrawer;

import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import com.returnsdrawer.shop.TokenEncryptionConfig;
import com.returnsdrawer.shopify.ShopifyConfig;
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
    void ordersImportDaysIsANumberOfDaysAndPastSixtyNeedsReadAllOrders() {
        Map<String, Object> values = valid();
        for (String bad : List.of("0", "3651", "sixty")) {
            values.put("orders.import-days", bad);
            String message = ConfigurationCheck.message(problems(values));
            assertTrue(message.contains("ORDERS_IMPORT_DAYS (must be a number of days from 1 to 3650)"), message);
        }
        values.put("orders.import-days", "60");
        assertEquals(List.of(), problems(values), "60 days is what read_orders reaches");
        values.put("orders.import-days", "365");
        String message = ConfigurationCheck.message(problems(values));
        assertTrue(message.contains("ORDERS_IMPORT_DAYS") && message.contains("read_all_orders in SHOPIFY_SCOPES"), message);
        values.put("shopify.scopes", "read_orders,read_all_orders,read_returns,write_app_proxy");
        assertEquals(List.of(), problems(values));
        values.put("orders.import-days", "3650");
        assertEquals(List.of(), problems(values));
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
    void shopBaseUrlOverPlainHttpIsOnlyForALocalStandIn() {
        Map<String, Object> values = valid();
        for (String ok : List.of("https://{shop}", "http://127.0.0.1:8081/{shop}", "http://localhost:8081/{shop}")) {
            values.put("shopify.shop-base-url", ok);
            assertEquals(List.of(), problems(values), ok);
        }
        for (String bad : List.of("http://{shop}", "http://shopify-proxy.example.com/{shop}", "ftp://{shop}")) {
            values.put("shopify.shop-base-url", bad);
            List<String> problems = problems(values);
            assertEquals(1, problems.size(), bad);
            assertTrue(problems.get(0).contains("SHOPIFY_SHOP_BASE_URL") && problems.get(0).contains("localhost"), problems.get(0));
        }
    }

    @Test
    void aPlainHttpShopBaseUrlStopsStartUp() {
        Map<String, Object> props = new HashMap<>(com.returnsdrawer.support.TestDatabase.properties());
        props.put("shopify.shop-base-url", "http://{shop}");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> io.micronaut.context.ApplicationContext.run(props, "test").close());
        Throwable cause = e;
        while (cause.getCause() != null && !String.valueOf(cause.getMessage()).contains("SHOPIFY_SHOP_BASE_URL")) {
            cause = cause.getCause();
        }
        assertTrue(String.valueOf(cause.getMessage()).contains("SHOPIFY_SHOP_BASE_URL"), String.valueOf(e));
    }

    @Test
    void aMalformedPreviousEncryptionKeyIsNamed() {
        Map<String, Object> values = valid();
        values.put("token.encryption-key-previous", "c2hvcnQ=");
        String message = ConfigurationCheck.message(problems(values));
        assertTrue(message.contains("TOKEN_ENCRYPTION_KEY_PREVIOUS"), message);
        assertTrue(!message.contains("c2hvcnQ="), message);
    }

    @Test
    void configurationRecordsNeverPrintTheirSecrets() {
        String key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
        String previous = "HxwdHh8YGRobFBUWFxAREhMMDQ4PCAkKCwQFBgcAAQID";
        String printed = new TokenEncryptionConfig(key, previous).toString();
        assertTrue(!printed.contains(key) && !printed.contains(previous) && !printed.contains("AAECAwQF"), printed);
        ShopifyConfig shopify = new ShopifyConfig("client-id", "shpss_current_secret", "shpss_previous_secret",
                "https://app.example.com", "read_orders", "2026-10", "https://{shop}", 90);
        String text = shopify.toString();
        assertTrue(text.contains("client-id"), text);
        assertTrue(!text.contains("shpss_current_secret") && !text.contains("shpss_previous_secret"), text);
        String grant = new com.returnsdrawer.shopify.TokenGrant("shpat_secret", "read_orders", 60L, "shprt_secret", 60L).toString();
        assertTrue(!grant.contains("shpat_secret") && !grant.contains("shprt_secret"), grant);
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
