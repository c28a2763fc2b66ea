package com.returnsdrawer.extension;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The theme app extension passes Shopify's own theme checker ({@code @shopify/theme-check-node}, run offline
 * with the theme-app-extension rules), and its storefront script stays small.
 */
class ThemeExtensionLintTest {

    private static final Path FRONTEND = Path.of("frontend-embed");
    private static final Path EXTENSION = FRONTEND.resolve("extensions/returns-drawer");

    private static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(FRONTEND.toFile()).redirectErrorStream(true).start();
        boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish: " + output);
        }
        assertEquals(0, process.exitValue(), command + "\n" + output);
        return output;
    }

    @Test
    void themeCheckFindsNoOffenses() throws Exception {
        if (!Files.isDirectory(FRONTEND.resolve("node_modules/@shopify/theme-check-node"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        }
        String output = run(List.of("node", "theme-check.mjs", "extensions/returns-drawer"), 120);
        assertTrue(output.contains("theme-check: 0 offenses"), output);
    }

    @Test
    void appEmbedTargetsBodyAndTheScriptIsSmall() throws IOException {
        String block = Files.readString(EXTENSION.resolve("blocks/drawer.liquid"));
        assertTrue(block.contains("\"target\": \"body\""));
        assertTrue(Files.readString(EXTENSION.resolve("shopify.extension.toml")).contains("type = \"theme\""));
        long script = Files.size(EXTENSION.resolve("assets/drawer.js"));
        long styles = Files.size(EXTENSION.resolve("assets/drawer.css"));
        assertTrue(script < 6 * 1024 && styles < 6 * 1024, "drawer.js " + script + " B, drawer.css " + styles + " B");
        for (String locale : List.of("en.default", "de", "fr", "es")) {
            assertTrue(Files.exists(EXTENSION.resolve("locales/" + locale + ".json")), locale);
            assertTrue(Files.exists(EXTENSION.resolve("locales/" + locale + ".schema.json")), locale + ".schema.json");
        }
    }

    /**
     * The theme editor shows the embed's settings in the merchant's language: every name, label and info is a
     * {@code t:} key of the schema locale files (theme-check's ValidSchemaTranslations and MatchingTranslations
     * then hold every language to the same keys).
     */
    @Test
    void everySettingLabelIsTranslatable() throws IOException {
        String block = Files.readString(EXTENSION.resolve("blocks/drawer.liquid"));
        String schema = block.substring(block.indexOf("{% schema %}"), block.indexOf("{% endschema %}"));
        var texts = java.util.regex.Pattern.compile("\"(name|label|info)\": \"([^\"]*)\"").matcher(schema);
        int count = 0;
        while (texts.find()) {
            count++;
            assertTrue(texts.group(2).startsWith("t:blocks.drawer."), texts.group());
        }
        assertEquals(8, count, schema);
    }
}
