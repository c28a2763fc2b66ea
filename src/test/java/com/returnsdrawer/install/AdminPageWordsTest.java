package com.returnsdrawer.install;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin page's language files: the same keys in each, every word the page and its script name, nothing unused. */
class AdminPageWordsTest {

    private static final Path PAGE = Path.of("frontend-embed/admin/index.html");
    private static final Path SCRIPT = Path.of("frontend-embed/admin/assets/admin.js");
    /** Keys the script builds from an API value: {@code 'prefill.' + field}, {@code 'requests.kind.' + kind}. */
    private static final Set<String> BUILT = Set.of("prefill.", "requests.kind.");

    private static Set<String> keys(String language) {
        return new TreeSet<>(AdminPage.words(language).stringPropertyNames());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"de", "fr", "es"})
    void everyLanguageHasExactlyTheKeysOfEnglish(String language) {
        assertEquals(keys("en"), keys(language), "i18n/admin_" + language + ".properties");
        Properties words = AdminPage.words(language);
        for (String key : words.stringPropertyNames()) {
            assertFalse(words.getProperty(key).isBlank(), language + " " + key + " is empty");
        }
    }

    @Test
    void englishHasEveryWordThePageAndItsScriptNameAndNoOther() throws IOException {
        Set<String> used = new TreeSet<>();
        Matcher page = Pattern.compile("\\{\\{([a-z0-9_.]+)}}").matcher(Files.readString(PAGE));
        while (page.find()) {
            used.add(page.group(1));
        }
        Matcher script = Pattern.compile("\\bt\\('([a-z0-9_.]+)'").matcher(Files.readString(SCRIPT));
        while (script.find()) {
            if (!script.group(1).endsWith(".")) {
                used.add(script.group(1));
            }
        }
        Set<String> english = keys("en");
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(english);
        assertTrue(missing.isEmpty(), "admin_en.properties lacks " + missing);
        Set<String> unused = new TreeSet<>(english);
        unused.removeAll(used);
        unused.removeIf(k -> BUILT.stream().anyMatch(k::startsWith));
        assertTrue(unused.isEmpty(), "admin_en.properties has words nothing uses: " + unused);
    }

    @Test
    void filesAreReadAsUtf8AndTheLanguageFollowsTheAdminsLocale() {
        assertEquals("Theme-Editor öffnen", AdminPage.words("de").getProperty("action.theme"));
        assertEquals("de", AdminPage.language("de-DE"));
        assertEquals("fr", AdminPage.language("fr_CA"));
        assertEquals("es", AdminPage.language("ES"));
        assertEquals("en", AdminPage.language("ja"));
        assertEquals("en", AdminPage.language(null));
    }

    @Test
    void wordsAreSafeInsideTheScriptElement() {
        Properties words = new Properties();
        words.setProperty("x", "</script><b>\"&'");
        String json = AdminPage.json(words);
        assertFalse(json.contains("<") || json.contains(">") || json.contains("&"), json);
        assertEquals("{\"x\":\"\\u003c/script\\u003e\\u003cb\\u003e\\\"\\u0026'\"}", json);
    }
}
