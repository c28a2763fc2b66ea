package com.returnsdrawer.shopper;

import io.micronaut.context.MessageSource;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.i18n.ResourceBundleMessageSource;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

/**
 * The drawer's languages, one {@link Messages} each, built at start-up; a language whose file lacks a key stops
 * start-up, naming the file and the keys. Picks the language of a request: the storefront's {@code locale}, else
 * {@code Accept-Language}, else English.
 */
@Context
public final class Languages {

    /** The name of the drawer's {@link MessageSource} bean. */
    static final String MESSAGES = "drawer";

    private final Map<String, Messages> byLanguage;
    private final Messages english;

    @Inject
    Languages(@Named(MESSAGES) MessageSource source) {
        this(source, Messages.BUNDLE);
    }

    Languages(MessageSource source, String bundle) {
        requireEveryKey(bundle);
        this.byLanguage = Messages.LANGUAGES.stream()
                .collect(Collectors.toUnmodifiableMap(l -> l, l -> Messages.load(l, source)));
        this.english = byLanguage.get("en");
    }

    /**
     * Micronaut's resource-bundle source answers a key a language lacks with the JVM's default language, so each
     * language's own file is checked first, without that fallback.
     */
    private static void requireEveryKey(String bundle) {
        List<String> problems = new ArrayList<>();
        ResourceBundle.Control own = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
        for (String language : Messages.LANGUAGES) {
            String file = bundle.replace('.', '/') + "_" + language + ".properties";
            try {
                ResourceBundle words = ResourceBundle.getBundle(bundle, Locale.forLanguageTag(language),
                        Languages.class.getClassLoader(), own);
                List<String> missing = Messages.keys().stream().filter(k -> !words.containsKey(k)).toList();
                if (!missing.isEmpty()) {
                    problems.add(file + " lacks " + String.join(", ", missing));
                }
            } catch (MissingResourceException e) {
                problems.add(file + " is missing");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The drawer's words are incomplete: " + String.join("; ", problems));
        }
    }

    /** {@code locale} ({@code de}, {@code de-CH}, {@code pt-BR}…) first, then {@code Accept-Language}, then English. */
    public Messages choose(String locale, String acceptLanguage) {
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
        return english;
    }

    /** The messages of the language tag in {@code s[from, to)} ({@code de}, {@code de-CH}, {@code de_DE}), or null. */
    private Messages match(String s, int from, int to) {
        while (from < to && Character.isWhitespace(s.charAt(from))) {
            from++;
        }
        int end = from;
        while (end < to && s.charAt(end) != '-' && s.charAt(end) != '_' && !Character.isWhitespace(s.charAt(end))) {
            end++;
        }
        return end == from ? null : byLanguage.get(s.substring(from, end).toLowerCase(Locale.ROOT));
    }

    /** The drawer's message source, built once as Micronaut's guide asks (it caches what it has read). */
    @Factory
    static class Bundles {

        @Singleton
        @Named(MESSAGES)
        MessageSource drawerMessages() {
            return new ResourceBundleMessageSource(Messages.BUNDLE);
        }
    }
}
