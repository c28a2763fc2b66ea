package com.returnsdrawer.proxy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

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

    /** The quick path writes exactly what the JDK's currency format writes, for every language and many currencies. */
    @Test
    void moneyIsWrittenExactlyAsTheCurrencyFormatWritesIt() {
        java.util.Random random = new java.util.Random(7);
        java.util.List<String> amounts = new java.util.ArrayList<>(java.util.List.of("0", "0.00", "0.5", "5", "58.50",
                "058.50", "1234.5", "1234567.89", "999999999999.99", "12", "100000", "1000", "1.1", "0.01"));
        for (int i = 0; i < 300; i++) {
            long whole = random.nextInt(5) == 0 ? random.nextLong() & Long.MAX_VALUE : random.nextInt(100_000);
            int decimals = random.nextInt(4);
            String fraction = decimals == 0 ? "" : "." + String.format("%0" + decimals + "d", random.nextInt((int) Math.pow(10, decimals)));
            amounts.add(whole + fraction);
        }
        for (String language : java.util.List.of("en", "de", "fr", "es")) {
            Messages m = Messages.choose(language, null);
            for (String currency : java.util.List.of("EUR", "USD", "JPY", "GBP", "CHF", "SEK", "KWD", "INR", "")) {
                java.text.NumberFormat nf = Messages.currencyFormat(java.util.Locale.forLanguageTag(
                        Map.of("en", "en-US", "de", "de-DE", "fr", "fr-FR", "es", "es-ES").get(language)), currency);
                for (String amount : amounts) {
                    String expected = nf.format(new java.math.BigDecimal(amount));
                    assertEquals(expected, m.money(amount, currency.isEmpty() ? null : currency), language + " " + currency + " " + amount);
                }
            }
            // Signs, exponents and extra decimals are left to the format itself.
            assertEquals(null, Messages.plainMoney(Messages.currencyFormat(java.util.Locale.US, "USD"), "-5.00"));
            assertEquals(null, Messages.plainMoney(Messages.currencyFormat(java.util.Locale.US, "USD"), "1e3"));
            assertEquals(null, Messages.plainMoney(Messages.currencyFormat(java.util.Locale.US, "USD"), "1.005"));
            assertEquals("58.50 XYZ", m.money("58.50", "XYZ"), "an unknown currency code");
        }
        assertEquals("$1,000.00", Messages.choose("en", null).money("1e3", "USD"));
    }
}
