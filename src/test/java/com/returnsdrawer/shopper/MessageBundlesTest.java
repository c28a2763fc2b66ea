package com.returnsdrawer.shopper;

import io.micronaut.context.i18n.ResourceBundleMessageSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The language files a translator edits: the same keys in each, the keys the drawer reads, UTF-8 words. */
class MessageBundlesTest {

    @Test
    void englishHasExactlyTheKeysTheDrawerReads() throws IOException {
        assertEquals(new TreeSet<>(Messages.keys()), keys("en"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"de", "fr", "es"})
    void everyLanguageHasExactlyTheKeysOfEnglish(String language) throws IOException {
        Set<String> english = keys("en");
        Set<String> other = keys(language);
        Set<String> missing = new TreeSet<>(english);
        missing.removeAll(other);
        Set<String> extra = new TreeSet<>(other);
        extra.removeAll(english);
        assertTrue(missing.isEmpty(), "messages_" + language + ".properties lacks " + missing);
        assertTrue(extra.isEmpty(), "messages_" + language + ".properties has keys English lacks: " + extra);
        for (String key : other) {
            assertFalse(read(language).getProperty(key).isBlank(), language + " " + key + " is empty");
        }
    }

    @Test
    void filesAreReadAsUtf8() throws IOException {
        assertEquals("Ältere Bestellungen", read("de").getProperty("more"));
        assertEquals("Ältere Bestellungen", new Languages(new ResourceBundleMessageSource(Messages.BUNDLE), Messages.BUNDLE)
                .choose("de", null).get(Messages.Word.MORE));
    }

    /** A key missing from one language stops start-up; it is not shown in English. */
    @Test
    void startUpFailsNamingEveryMissingKeyAndFile() {
        String incomplete = "i18n.incomplete.messages";
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Languages(new ResourceBundleMessageSource(incomplete), incomplete));
        assertTrue(e.getMessage().contains("i18n/incomplete/messages_de.properties lacks help, status.delivered"), e.getMessage());
        assertTrue(e.getMessage().contains("i18n/incomplete/messages_es.properties is missing"), e.getMessage());
        assertFalse(e.getMessage().contains("messages_fr"), e.getMessage());
    }

    private static Set<String> keys(String language) throws IOException {
        return new TreeSet<>(read(language).stringPropertyNames());
    }

    private static Properties read(String language) throws IOException {
        String path = Messages.BUNDLE.replace('.', '/') + "_" + language + ".properties";
        try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(path)) {
            assertNotNull(in, path);
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        }
    }
}
