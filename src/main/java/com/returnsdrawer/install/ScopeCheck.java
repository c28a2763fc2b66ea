package com.returnsdrawer.install;

import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.Scopes;
import com.returnsdrawer.shopify.ShopifyConfig;
import com.returnsdrawer.web.Html;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Compares the scopes a shop granted (at install, token exchange or a scopes update) with {@code SHOPIFY_SCOPES}.
 * A shop missing one is asked again: a short page says which access is missing and sends the merchant, at the
 * top level of the browser, through the OAuth consent again (docs/behaviour.md, "Tokens").
 */
@Singleton
class ScopeCheck {

    private final ShopifyConfig config;

    ScopeCheck(ShopifyConfig config) {
        this.config = config;
    }

    /** The scopes asked for that {@code granted} lacks; empty when all are there or nothing is known. */
    Set<String> missing(String granted) {
        return granted == null ? Set.of() : Scopes.missing(config.scopeSet(), granted);
    }

    /** The re-ask page when {@code granted} lacks a scope asked for; empty otherwise. */
    Optional<MutableHttpResponse<String>> reAsk(ShopDomain shop, String granted) {
        Set<String> missing = missing(granted);
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        String url = config.appBaseUrl() + "/auth?shop=" + URLEncoder.encode(shop.value(), StandardCharsets.UTF_8);
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Returns Drawer</title></head>"
                + "<body><p>Returns Drawer needs access your store has not granted yet ("
                + Html.escape(String.join(", ", missing)) + "). Shopify will ask you to approve it again.</p>"
                + "<p><a href=\"" + Html.escape(url) + "\" target=\"_top\">Review and approve access</a></p></body></html>";
        return Optional.of(AdminPage.embedded(HttpResponse.ok(html), shop));
    }
}
