package com.returnsdrawer.shopper;

import com.returnsdrawer.orders.DisplayStatus;
import com.returnsdrawer.orders.ReturnEligibility;
import io.micronaut.context.i18n.ResourceBundleMessageSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertSame;

class MessagesTest {

    private static final Languages LANGUAGES = new Languages(new ResourceBundleMessageSource(Messages.BUNDLE), Messages.BUNDLE);

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
        assertEquals(expected, LANGUAGES.choose(locale, acceptLanguage).language());
    }

    @Test
    void sharesOneInstancePerLanguage() {
        assertSame(LANGUAGES.choose("de", null), LANGUAGES.choose(null, "de-AT"));
        assertEquals("Entregado", LANGUAGES.choose("es", null).status(DisplayStatus.DELIVERED));
    }

    @Test
    void readsEachLanguagesWordsFromItsOwnBundle() {
        assertEquals("Your orders", LANGUAGES.choose("en", null).get(Messages.Word.TITLE));
        assertEquals("Rücksendung starten", LANGUAGES.choose("de", null).get(Messages.Word.START_RETURN));
        assertEquals("Le délai de retour de cette commande est dépassé.",
                LANGUAGES.choose("fr", null).reason(ReturnEligibility.Reason.WINDOW_EXPIRED));
        assertEquals("Usa el número de pedido %s en la página de devoluciones.",
                LANGUAGES.choose("es", null).get(Messages.Word.USE_ORDER_ONLY));
    }

    @Test
    void everyStatusAndReasonHasWordsOfItsOwnInEveryLanguage() {
        for (String language : java.util.List.of("en", "de", "fr", "es")) {
            Messages m = LANGUAGES.choose(language, null);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (DisplayStatus status : DisplayStatus.values()) {
                String words = m.status(status);
                assertTrue(words != null && !words.isBlank() && !words.contains("status."), language + " " + status);
                assertTrue(seen.add(words), language + " says the same for two statuses: " + words);
            }
            for (ReturnEligibility.Reason reason : ReturnEligibility.Reason.values()) {
                String words = m.reason(reason);
                assertTrue(words != null && !words.isBlank() && !words.contains("reason."), language + " " + reason);
            }
        }
        assertNotEquals(LANGUAGES.choose("en", null).status(DisplayStatus.IN_TRANSIT),
                LANGUAGES.choose("de", null).status(DisplayStatus.IN_TRANSIT));
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
            Messages m = LANGUAGES.choose(language, null);
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
        assertEquals("$1,000.00", LANGUAGES.choose("en", null).money("1e3", "USD"));
    }
}
