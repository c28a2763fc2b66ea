package com.returnsdrawer.extension;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The project as Shopify's CLI expects it (https://shopify.dev/docs/apps/build/cli-for-apps/app-structure): the
 * production configuration keeps its URLs, the development app's example matches it in everything Shopify delivers,
 * and {@code shopify app dev} starts the Java server. ({@code shopify app build} itself runs in
 * CustomerAccountExtensionTest.)
 */
class ShopifyCliConfigTest {

    private static String read(String file) throws IOException {
        return Files.readString(Path.of(file));
    }

    @Test
    void productionConfigurationKeepsItsUrlsAndHasNoObsoleteKeys() throws IOException {
        String production = read("shopify.app.toml");
        assertTrue(production.contains("\nautomatically_update_urls_on_dev = false\n"), production);
        assertFalse(production.contains("include_config_on_deploy"), "the CLI removes include_config_on_deploy");
        assertTrue(read("shopify.app.dev.toml").contains("\nautomatically_update_urls_on_dev = true\n"));
    }

    /** Scopes, webhook subscriptions and the app proxy path are the same for the development app. */
    @Test
    void developmentAppExampleMatchesProductionInWhatShopifyDelivers() throws IOException {
        assertEquals(delivered(read("shopify.app.toml")), delivered(read("shopify.app.dev.toml")));
    }

    private static List<String> delivered(String toml) {
        String from = toml.substring(toml.indexOf("[access_scopes]"), toml.indexOf("[build]"));
        return from.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("redirect_urls") && !l.startsWith("url ="))
                .toList();
    }

    @Test
    void shopifyAppDevStartsTheJavaServer() throws IOException {
        String web = read("shopify.web.toml");
        assertTrue(web.contains("roles = [\"backend\", \"frontend\"]"), web);
        assertTrue(web.contains("dev = \"sh shopify-dev.sh\""), web);
        assertTrue(web.contains("webhooks_path = \"/webhooks\""), web);
        String script = read("shopify-dev.sh");
        // The CLI hands over the tunnel URL as HOST and the port as PORT; the app reads its own names.
        assertTrue(script.contains("SHOPIFY_APP_URL=\"${HOST"), script);
        assertTrue(script.contains("MICRONAUT_SERVER_PORT=\"${PORT"), script);
        assertTrue(script.contains("java -jar"), script);
    }
}
