package com.returnsdrawer.proxy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class MessagesTest {

    @ParameterizedTest(name = "locale {0}, Accept-Language {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "de      | null                          | de",
            "de-CH   | null                          | de",
            "FR_ca   | en                            | fr",
            "' es '  | null                          | es",
            "pt-BR   | 'pt-BR, fr;q=0.8, en;q=0.5'   | fr",
            "null    | 'de-DE,de;q=0.9'              | de",
            "''      | ' es-MX ; q=0.9 , en'         | es",
            "null    | 'pt, *;q=0.5'                 | en",
            "null    | ',,;q=1'                      | en",
            "xx      | ''                            | en",
            "null    | null                          | en",
            "-de     | null                          | en",
    })
    void choosesTheLocaleParameterThenAcceptLanguageThenEnglish(String locale, String acceptLanguage, String expected) {
        assertEquals(expected, Messages.choose(locale, acceptLanguage).language());
    }

    @Test
    void sharesOneInstancePerLanguage() {
        assertSame(Messages.choose("de", null), Messages.choose(null, "de-AT"));
        assertEquals("Entregado", Messages.choose("es", null).get("status.delivered"));
    }
}
