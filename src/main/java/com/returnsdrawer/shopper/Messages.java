package com.returnsdrawer.shopper;

import com.returnsdrawer.orders.DisplayStatus;
import com.returnsdrawer.orders.ReturnEligibility;
import com.returnsdrawer.orders.ReturnStatus;
import io.micronaut.context.MessageSource;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The drawer's words in one language, read once from {@code i18n/messages_<language>.properties} through
 * Micronaut's {@link MessageSource} ({@link Languages} builds one per language at start-up), and dates and money
 * formatted for the language. A page looks its words up in arrays and maps built here, not in the message source.
 */
public final class Messages {

    public static final List<String> LANGUAGES = List.of("en", "de", "fr", "es");

    /** The bundles' base name: {@code src/main/resources/i18n/messages_<language>.properties}. */
    static final String BUNDLE = "i18n.messages";

    /** The drawer's words other than statuses and reasons, each with its key in the bundles. */
    public enum Word {
        TITLE("title"), EMPTY("empty"), LOGIN("login"), LOGIN_LINK("login_link"), ITEMS("items"), ITEM("item"),
        TOTAL("total"), ORDERED("ordered"), BACK("back"), MORE("more"), START_RETURN("start_return"),
        BUY_AGAIN("buy_again"), HELP("help"), SHIPMENT("shipment"), NOT_FOUND("not_found"),
        /** {@code %s}: the order reference, then the email address. */
        USE_ORDER("use_order"),
        /** {@code %s}: the order reference. */
        USE_ORDER_ONLY("use_order_only"),
        NOT_ELIGIBLE("not_eligible"), QTY("qty"),
        /** A customer-account return link that is forged, altered or older than its 10 minutes. */
        LINK_EXPIRED("link_expired");

        final String key;

        Word(String key) {
            this.key = key;
        }
    }

    private static final Map<String, Locale> FORMATS = Map.of("en", Locale.forLanguageTag("en-US"),
            "de", Locale.forLanguageTag("de-DE"), "fr", Locale.forLanguageTag("fr-FR"), "es", Locale.forLanguageTag("es-ES"));

    /** Immutable, so shared; one per language. */
    private static final Map<String, DateTimeFormatter> DATES = Map.of(
            "en", date("en"), "de", date("de"), "fr", date("fr"), "es", date("es"));

    /**
     * Dates already formatted, per language and UTC day: the drawer shows the same days over and over, and a
     * localized format costs more than the rest of an order's markup. About eleven years of days per language.
     */
    private static final int MAX_FORMATTED_DAYS = 4096;
    private static final Map<String, Map<Long, String>> FORMATTED_DAYS = Map.of("en", new ConcurrentHashMap<>(),
            "de", new ConcurrentHashMap<>(), "fr", new ConcurrentHashMap<>(), "es", new ConcurrentHashMap<>());

    /**
     * NumberFormat is not thread-safe and costly to build: each thread keeps its own per language and currency
     * (the request threads are a fixed pool, and a shop sells in few currencies).
     */
    private static final ThreadLocal<Map<String, NumberFormat>> MONEY = ThreadLocal.withInitial(HashMap::new);

    private final String language;
    private final Locale format;
    /** By {@link Word#ordinal()}. */
    private final String[] words;
    private final Map<DisplayStatus, String> statuses;
    private final Map<ReturnEligibility.Reason, String> reasons;
    private final Map<ReturnStatus, String> returns;

    private Messages(String language, String[] words, Map<DisplayStatus, String> statuses,
                     Map<ReturnEligibility.Reason, String> reasons, Map<ReturnStatus, String> returns) {
        this.language = language;
        this.format = FORMATS.get(language);
        this.words = words;
        this.statuses = statuses;
        this.reasons = reasons;
        this.returns = returns;
    }

    /** Every key the drawer reads; each language's bundle has exactly these. */
    static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (Word w : Word.values()) {
            keys.add(w.key);
        }
        for (DisplayStatus status : DisplayStatus.values()) {
            keys.add(status.messageKey());
        }
        for (ReturnEligibility.Reason reason : ReturnEligibility.Reason.values()) {
            keys.add(reason.messageKey());
        }
        for (ReturnStatus status : ReturnStatus.values()) {
            keys.add(status.messageKey());
        }
        return keys;
    }

    /**
     * The words of {@code language}, every one read from {@code source}; a key it cannot resolve stops start-up
     * ({@link Languages} has already checked that the language's own file holds every key, so none is English).
     */
    static Messages load(String language, MessageSource source) {
        MessageSource.MessageContext context = MessageSource.MessageContext.of(Locale.forLanguageTag(language));
        String[] words = new String[Word.values().length];
        for (Word w : Word.values()) {
            words[w.ordinal()] = source.getRequiredRawMessage(w.key, context);
        }
        Map<DisplayStatus, String> statuses = new EnumMap<>(DisplayStatus.class);
        for (DisplayStatus status : DisplayStatus.values()) {
            statuses.put(status, source.getRequiredRawMessage(status.messageKey(), context));
        }
        Map<ReturnEligibility.Reason, String> reasons = new EnumMap<>(ReturnEligibility.Reason.class);
        for (ReturnEligibility.Reason reason : ReturnEligibility.Reason.values()) {
            reasons.put(reason, source.getRequiredRawMessage(reason.messageKey(), context));
        }
        Map<ReturnStatus, String> returns = new EnumMap<>(ReturnStatus.class);
        for (ReturnStatus status : ReturnStatus.values()) {
            returns.put(status, source.getRequiredRawMessage(status.messageKey(), context));
        }
        return new Messages(language, words, statuses, reasons, returns);
    }

    private static DateTimeFormatter date(String language) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(FORMATS.get(language));
    }

    public String language() {
        return language;
    }

    public String get(Word word) {
        return words[word.ordinal()];
    }

    /** The words for a display status. */
    public String status(DisplayStatus status) {
        return statuses.get(status);
    }

    /** The words for a reason an order cannot be returned. */
    public String reason(ReturnEligibility.Reason reason) {
        return reasons.get(reason);
    }

    /** The words for the state of a return that has started. */
    public String returnStatus(ReturnStatus status) {
        return returns.get(status);
    }

    public String date(Instant at) {
        if (at == null) {
            return "";
        }
        long day = Math.floorDiv(at.getEpochSecond(), 86_400L);
        Map<Long, String> formatted = FORMATTED_DAYS.get(language);
        String text = formatted.get(day);
        if (text == null) {
            text = DATES.get(language).format(LocalDate.ofEpochDay(day));
            if (formatted.size() < MAX_FORMATTED_DAYS) {
                formatted.put(day, text);
            }
        }
        return text;
    }

    public String money(String amount, String currency) {
        if (amount == null) {
            return "";
        }
        try {
            String code = currency == null ? "" : currency;
            NumberFormat nf = MONEY.get().computeIfAbsent(language + ' ' + code, key -> currencyFormat(format, code));
            String fast = plainMoney(nf, amount);
            return fast != null ? fast : nf.format(new BigDecimal(amount));
        } catch (IllegalArgumentException e) {
            return amount + (currency == null ? "" : " " + currency);
        }
    }

    /** The language's currency format, with the currency's own number of decimals. */
    static NumberFormat currencyFormat(Locale locale, String code) {
        NumberFormat f = NumberFormat.getCurrencyInstance(locale);
        if (!code.isEmpty()) {
            Currency c = Currency.getInstance(code);
            f.setCurrency(c);
            f.setMinimumFractionDigits(c.getDefaultFractionDigits());
            f.setMaximumFractionDigits(c.getDefaultFractionDigits());
        }
        return f;
    }

    /**
     * What {@code nf.format(new BigDecimal(amount))} writes, for the amounts Shopify sends ({@code 58.50}: digits with
     * at most the currency's decimals, nothing to round), put together from the format's own prefix, suffix,
     * separators and grouping; null for anything else (signs, exponents, more decimals), which the format itself
     * then writes (0.18 µs an amount against the BigDecimal's 0.45 under C1). {@code MessagesTest} compares the two.
     */
    static String plainMoney(NumberFormat nf, String amount) {
        if (!(nf instanceof java.text.DecimalFormat df) || df.getMaximumFractionDigits() != df.getMinimumFractionDigits()
                || df.getMultiplier() != 1 || amount.isEmpty() || amount.length() > 30) {
            return null;
        }
        int dot = -1;
        for (int i = 0; i < amount.length(); i++) {
            char ch = amount.charAt(i);
            if (ch == '.' && dot < 0) {
                dot = i;
            } else if (ch < '0' || ch > '9') {
                return null;
            }
        }
        int digits = df.getMaximumFractionDigits();
        int intEnd = dot < 0 ? amount.length() : dot;
        String fraction = dot < 0 ? "" : amount.substring(dot + 1);
        if (intEnd == 0 || fraction.length() > digits) {
            return null;
        }
        int first = 0;
        while (first < intEnd - 1 && amount.charAt(first) == '0') {
            first++;
        }
        java.text.DecimalFormatSymbols symbols = df.getDecimalFormatSymbols();
        int group = df.isGroupingUsed() ? df.getGroupingSize() : 0;
        StringBuilder out = new StringBuilder(amount.length() + 16).append(df.getPositivePrefix());
        for (int i = first; i < intEnd; i++) {
            out.append(amount.charAt(i));
            int left = intEnd - 1 - i;
            if (group > 0 && left > 0 && left % group == 0) {
                out.append(symbols.getMonetaryGroupingSeparator());
            }
        }
        if (digits > 0) {
            out.append(symbols.getMonetaryDecimalSeparator()).append(fraction);
            out.append("0".repeat(digits - fraction.length()));
        }
        return out.append(df.getPositiveSuffix()).toString();
    }
}
