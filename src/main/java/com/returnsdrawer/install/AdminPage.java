package com.returnsdrawer.install;

import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.ShopifyConfig;
import com.returnsdrawer.web.Html;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded admin page ({@code frontend-embed/admin/index.html}) in the admin's language, with the client id for
 * App Bridge, and the {@code frame-ancestors} policy that lets only the shop's admin frame it. Its words live in
 * {@code i18n/admin_<language>.properties}; a language lacking a key of English, or a {@code {{key}}} of the page
 * that English lacks, stops start-up.
 */
@Singleton
public class AdminPage {

    /** App Bridge from Shopify's CDN: the production page loads nothing else in its place. */
    public static final String APP_BRIDGE = "https://cdn.shopify.com/shopifycloud/app-bridge.js";
    static final List<String> LANGUAGES = List.of("en", "de", "fr", "es");
    static final String BUNDLE = "i18n/admin_%s.properties";
    private static final Pattern WORD = Pattern.compile("\\{\\{([a-z0-9_.]+)}}");

    /** The page per language with its words filled in; shop and App Bridge source are filled per request. */
    private final Map<String, String> pages = new LinkedHashMap<>();

    AdminPage(ShopifyConfig config) {
        String template = resource("/frontend/admin/index.html")
                .replace("%API_KEY%", Html.escape(config.apiKey()));
        Map<String, Properties> words = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            words.put(language, words(language));
        }
        check(template, words);
        words.forEach((language, w) -> pages.put(language, render(template, language, w)));
    }

    /** The page for {@code shop}, in the language of the admin's {@code locale}, as an embedded document response. */
    MutableHttpResponse<String> response(ShopDomain shop, String locale) {
        return embedded(HttpResponse.ok(render(shop, locale, APP_BRIDGE)), shop);
    }

    /**
     * The page for {@code shop} in the language of {@code locale} ({@code de}, {@code de-CH}, {@code pt-BR}; English
     * when the admin's language is not one of the page's), loading App Bridge from {@code appBridge}.
     */
    public String render(ShopDomain shop, String locale, String appBridge) {
        return pages.get(language(locale)).replace("%APP_BRIDGE%", Html.escape(appBridge))
                .replace("%SHOP%", Html.escape(shop.value()));
    }

    static String language(String locale) {
        if (locale == null || locale.isBlank()) {
            return "en";
        }
        String tag = locale.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        return LANGUAGES.contains(tag) ? tag : "en";
    }

    private static String render(String template, String language, Properties words) {
        Matcher m = WORD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(Html.escape(words.getProperty(m.group(1)))));
        }
        m.appendTail(out);
        return out.toString().replace("%LANG%", language).replace("%WORDS%", json(words));
    }

    /** Every language has exactly the keys of English, and English has every word the page names. */
    private static void check(String template, Map<String, Properties> words) {
        List<String> problems = new ArrayList<>();
        TreeSet<String> english = new TreeSet<>(words.get("en").stringPropertyNames());
        Matcher m = WORD.matcher(template);
        TreeSet<String> used = new TreeSet<>();
        while (m.find()) {
            used.add(m.group(1));
        }
        used.removeAll(english);
        if (!used.isEmpty()) {
            problems.add(String.format(BUNDLE, "en") + " lacks " + String.join(", ", used) + " (named in index.html)");
        }
        words.forEach((language, w) -> {
            TreeSet<String> missing = new TreeSet<>(english);
            missing.removeAll(w.stringPropertyNames());
            TreeSet<String> extra = new TreeSet<>(w.stringPropertyNames());
            extra.removeAll(english);
            if (!missing.isEmpty()) {
                problems.add(String.format(BUNDLE, language) + " lacks " + String.join(", ", missing));
            }
            if (!extra.isEmpty()) {
                problems.add(String.format(BUNDLE, language) + " has keys English lacks: " + String.join(", ", extra));
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The admin page's words are incomplete: " + String.join("; ", problems));
        }
    }

    static Properties words(String language) {
        Properties words = new Properties();
        String path = "/" + String.format(BUNDLE, language);
        try (InputStream in = AdminPage.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the build");
            }
            words.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The words as a JSON object that is safe inside a {@code <script>} element (no {@code <}, {@code >}, {@code &}). */
    static String json(Properties words) {
        StringBuilder out = new StringBuilder("{");
        new TreeMap<>(words).forEach((k, v) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            string(out, (String) k);
            out.append(':');
            string(out, (String) v);
        });
        return out.append('}').toString();
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static String resource(String path) {
        try (InputStream in = AdminPage.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path.substring(1) + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds what every embedded document needs: HTML type, no caching, and who may frame it. */
    public static <T> MutableHttpResponse<T> embedded(MutableHttpResponse<T> response, ShopDomain shop) {
        return response.contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8")
                .header("Content-Security-Policy", frameAncestors(shop))
                .header("Cache-Control", "no-store");
    }

    static String frameAncestors(ShopDomain shop) {
        return "frame-ancestors https://" + shop.value() + " https://admin.shopify.com";
    }
}
