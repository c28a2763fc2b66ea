package com.returnsdrawer.proxy;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The drawer's words in English, German, French and Spanish, and dates and money formatted for the language,
 * chosen by the storefront's {@code locale}, else {@code Accept-Language}, else English.
 */
final class Messages {

    static final List<String> LANGUAGES = List.of("en", "de", "fr", "es");

    private static final Map<String, Map<String, String>> TEXT = Map.of(
            "en", Map.ofEntries(
                    Map.entry("title", "Your orders"), Map.entry("empty", "You have no orders yet."),
                    Map.entry("login", "Log in to see your orders and start a return."), Map.entry("login_link", "Log in"),
                    Map.entry("items", "items"), Map.entry("item", "item"), Map.entry("total", "Total"),
                    Map.entry("ordered", "Ordered"), Map.entry("details", "View order"), Map.entry("back", "All orders"),
                    Map.entry("more", "Older orders"), Map.entry("start_return", "Start a return"),
                    Map.entry("buy_again", "Buy again"), Map.entry("help", "Need help?"), Map.entry("tracking", "Track package"),
                    Map.entry("shipment", "Shipment"), Map.entry("not_found", "We could not find this order."),
                    Map.entry("use_order", "Use order number %s and the email address %s on the returns page."),
                    Map.entry("use_order_only", "Use order number %s on the returns page."),
                    Map.entry("not_eligible", "This order cannot be returned right now."),
                    Map.entry("qty", "Qty"),
                    Map.entry("status.cancelled", "Cancelled"), Map.entry("status.unfulfilled", "Processing"),
                    Map.entry("status.partially_fulfilled", "Partially shipped"), Map.entry("status.fulfilled", "Shipped"),
                    Map.entry("status.in_transit", "In transit"), Map.entry("status.out_for_delivery", "Out for delivery"),
                    Map.entry("status.attempted_delivery", "Delivery attempted"), Map.entry("status.delivered", "Delivered"),
                    Map.entry("status.failure", "Delivery problem"),
                    Map.entry("reason.returns_disabled", "Returns are not available for this store."),
                    Map.entry("reason.cancelled", "This order was cancelled."),
                    Map.entry("reason.refunded", "This order was refunded."),
                    Map.entry("reason.not_fulfilled", "Returns open once your order has shipped."),
                    Map.entry("reason.not_delivered", "Returns open once your order is delivered."),
                    Map.entry("reason.window_expired", "The return window for this order has closed.")),
            "de", Map.ofEntries(
                    Map.entry("title", "Deine Bestellungen"), Map.entry("empty", "Du hast noch keine Bestellungen."),
                    Map.entry("login", "Melde dich an, um deine Bestellungen zu sehen und eine Rücksendung zu starten."),
                    Map.entry("login_link", "Anmelden"), Map.entry("items", "Artikel"), Map.entry("item", "Artikel"),
                    Map.entry("total", "Gesamt"), Map.entry("ordered", "Bestellt am"), Map.entry("details", "Bestellung ansehen"),
                    Map.entry("back", "Alle Bestellungen"), Map.entry("more", "Ältere Bestellungen"),
                    Map.entry("start_return", "Rücksendung starten"), Map.entry("buy_again", "Erneut kaufen"),
                    Map.entry("help", "Brauchst du Hilfe?"), Map.entry("tracking", "Sendung verfolgen"),
                    Map.entry("shipment", "Sendung"), Map.entry("not_found", "Diese Bestellung wurde nicht gefunden."),
                    Map.entry("use_order", "Gib auf der Rücksendeseite die Bestellnummer %s und die E-Mail-Adresse %s an."),
                    Map.entry("use_order_only", "Gib auf der Rücksendeseite die Bestellnummer %s an."),
                    Map.entry("not_eligible", "Diese Bestellung kann derzeit nicht zurückgesendet werden."),
                    Map.entry("qty", "Menge"),
                    Map.entry("status.cancelled", "Storniert"), Map.entry("status.unfulfilled", "In Bearbeitung"),
                    Map.entry("status.partially_fulfilled", "Teilweise versandt"), Map.entry("status.fulfilled", "Versandt"),
                    Map.entry("status.in_transit", "Unterwegs"), Map.entry("status.out_for_delivery", "In Zustellung"),
                    Map.entry("status.attempted_delivery", "Zustellversuch"), Map.entry("status.delivered", "Zugestellt"),
                    Map.entry("status.failure", "Zustellproblem"),
                    Map.entry("reason.returns_disabled", "Rücksendungen sind in diesem Shop nicht möglich."),
                    Map.entry("reason.cancelled", "Diese Bestellung wurde storniert."),
                    Map.entry("reason.refunded", "Diese Bestellung wurde erstattet."),
                    Map.entry("reason.not_fulfilled", "Rücksendungen sind möglich, sobald deine Bestellung versandt wurde."),
                    Map.entry("reason.not_delivered", "Rücksendungen sind möglich, sobald deine Bestellung zugestellt wurde."),
                    Map.entry("reason.window_expired", "Die Rücksendefrist für diese Bestellung ist abgelaufen.")),
            "fr", Map.ofEntries(
                    Map.entry("title", "Vos commandes"), Map.entry("empty", "Vous n'avez pas encore de commande."),
                    Map.entry("login", "Connectez-vous pour voir vos commandes et demander un retour."),
                    Map.entry("login_link", "Se connecter"), Map.entry("items", "articles"), Map.entry("item", "article"),
                    Map.entry("total", "Total"), Map.entry("ordered", "Commandé le"), Map.entry("details", "Voir la commande"),
                    Map.entry("back", "Toutes les commandes"), Map.entry("more", "Commandes plus anciennes"),
                    Map.entry("start_return", "Demander un retour"), Map.entry("buy_again", "Acheter à nouveau"),
                    Map.entry("help", "Besoin d'aide ?"), Map.entry("tracking", "Suivre le colis"),
                    Map.entry("shipment", "Envoi"), Map.entry("not_found", "Cette commande est introuvable."),
                    Map.entry("use_order", "Indiquez le numéro de commande %s et l'adresse e-mail %s sur la page des retours."),
                    Map.entry("use_order_only", "Indiquez le numéro de commande %s sur la page des retours."),
                    Map.entry("not_eligible", "Cette commande ne peut pas être retournée pour le moment."),
                    Map.entry("qty", "Qté"),
                    Map.entry("status.cancelled", "Annulée"), Map.entry("status.unfulfilled", "En préparation"),
                    Map.entry("status.partially_fulfilled", "Partiellement expédiée"), Map.entry("status.fulfilled", "Expédiée"),
                    Map.entry("status.in_transit", "En transit"), Map.entry("status.out_for_delivery", "En cours de livraison"),
                    Map.entry("status.attempted_delivery", "Tentative de livraison"), Map.entry("status.delivered", "Livrée"),
                    Map.entry("status.failure", "Problème de livraison"),
                    Map.entry("reason.returns_disabled", "Les retours ne sont pas disponibles dans cette boutique."),
                    Map.entry("reason.cancelled", "Cette commande a été annulée."),
                    Map.entry("reason.refunded", "Cette commande a été remboursée."),
                    Map.entry("reason.not_fulfilled", "Les retours seront possibles une fois la commande expédiée."),
                    Map.entry("reason.not_delivered", "Les retours seront possibles une fois la commande livrée."),
                    Map.entry("reason.window_expired", "Le délai de retour de cette commande est dépassé.")),
            "es", Map.ofEntries(
                    Map.entry("title", "Tus pedidos"), Map.entry("empty", "Todavía no tienes pedidos."),
                    Map.entry("login", "Inicia sesión para ver tus pedidos y solicitar una devolución."),
                    Map.entry("login_link", "Iniciar sesión"), Map.entry("items", "artículos"), Map.entry("item", "artículo"),
                    Map.entry("total", "Total"), Map.entry("ordered", "Pedido el"), Map.entry("details", "Ver pedido"),
                    Map.entry("back", "Todos los pedidos"), Map.entry("more", "Pedidos anteriores"),
                    Map.entry("start_return", "Solicitar una devolución"), Map.entry("buy_again", "Volver a comprar"),
                    Map.entry("help", "¿Necesitas ayuda?"), Map.entry("tracking", "Seguir envío"),
                    Map.entry("shipment", "Envío"), Map.entry("not_found", "No encontramos este pedido."),
                    Map.entry("use_order", "Usa el número de pedido %s y el correo %s en la página de devoluciones."),
                    Map.entry("use_order_only", "Usa el número de pedido %s en la página de devoluciones."),
                    Map.entry("not_eligible", "Este pedido no se puede devolver en este momento."),
                    Map.entry("qty", "Cant."),
                    Map.entry("status.cancelled", "Cancelado"), Map.entry("status.unfulfilled", "En preparación"),
                    Map.entry("status.partially_fulfilled", "Enviado parcialmente"), Map.entry("status.fulfilled", "Enviado"),
                    Map.entry("status.in_transit", "En tránsito"), Map.entry("status.out_for_delivery", "En reparto"),
                    Map.entry("status.attempted_delivery", "Intento de entrega"), Map.entry("status.delivered", "Entregado"),
                    Map.entry("status.failure", "Problema de entrega"),
                    Map.entry("reason.returns_disabled", "Las devoluciones no están disponibles en esta tienda."),
                    Map.entry("reason.cancelled", "Este pedido fue cancelado."),
                    Map.entry("reason.refunded", "Este pedido fue reembolsado."),
                    Map.entry("reason.not_fulfilled", "Podrás devolverlo cuando tu pedido se haya enviado."),
                    Map.entry("reason.not_delivered", "Podrás devolverlo cuando tu pedido se haya entregado."),
                    Map.entry("reason.window_expired", "El plazo de devolución de este pedido ha terminado.")));

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

    private final String language;
    private final Map<String, String> text;
    private final Locale format;
    /**
     * NumberFormat is not thread-safe and costly to build: each thread keeps its own per language and currency
     * (the request threads are a fixed pool, and a shop sells in few currencies).
     */
    private static final ThreadLocal<Map<String, NumberFormat>> MONEY = ThreadLocal.withInitial(java.util.HashMap::new);

    /** One per language: immutable, so every request shares them (declared after what the constructor reads). */
    private static final Map<String, Messages> BY_LANGUAGE = LANGUAGES.stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(l -> l, Messages::new));

    private Messages(String language) {
        this.language = language;
        this.text = TEXT.get(language);
        this.format = FORMATS.get(language);
    }

    private static DateTimeFormatter date(String language) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(FORMATS.get(language));
    }

    /** {@code locale} ({@code de}, {@code de-CH}, {@code pt-BR}…) first, then {@code Accept-Language}, then English. */
    static Messages choose(String locale, String acceptLanguage) {
        Messages fromParam = match(locale, 0, locale == null ? 0 : locale.length());
        if (fromParam != null) {
            return fromParam;
        }
        if (acceptLanguage != null) {
            int start = 0;
            while (start < acceptLanguage.length()) {
                int comma = acceptLanguage.indexOf(',', start);
                int end = comma < 0 ? acceptLanguage.length() : comma;
                int semicolon = acceptLanguage.indexOf(';', start);
                Messages match = match(acceptLanguage, start, semicolon >= 0 && semicolon < end ? semicolon : end);
                if (match != null) {
                    return match;
                }
                start = end + 1;
            }
        }
        return BY_LANGUAGE.get("en");
    }

    /** The messages of the language tag in {@code s[from, to)} ({@code de}, {@code de-CH}, {@code de_DE}), or null. */
    private static Messages match(String s, int from, int to) {
        while (from < to && Character.isWhitespace(s.charAt(from))) {
            from++;
        }
        int end = from;
        while (end < to && s.charAt(end) != '-' && s.charAt(end) != '_' && !Character.isWhitespace(s.charAt(end))) {
            end++;
        }
        return end == from ? null : BY_LANGUAGE.get(s.substring(from, end).toLowerCase(Locale.ROOT));
    }

    String language() {
        return language;
    }

    String get(String key) {
        return text.getOrDefault(key, TEXT.get("en").getOrDefault(key, key));
    }

    String date(Instant at) {
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

    String money(String amount, String currency) {
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
