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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The embedded admin page ({@code frontend-embed/admin/index.html}), with the client id for App Bridge, and
 * the {@code frame-ancestors} policy that lets only the shop's admin frame it.
 */
@Singleton
public class AdminPage {

    private final String template;
    private final String apiKey;

    AdminPage(ShopifyConfig config) {
        this.apiKey = config.apiKey();
        try (InputStream in = AdminPage.class.getResourceAsStream("/frontend/admin/index.html")) {
            if (in == null) {
                throw new IllegalStateException("frontend/admin/index.html is missing from the build");
            }
            this.template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page for {@code shop}, as an embedded document response. */
    MutableHttpResponse<String> response(ShopDomain shop) {
        return embedded(HttpResponse.ok(render(shop, "")), shop);
    }

    /** The page; {@code devTokenUrl} (dev only) is where it fetches session tokens when App Bridge is absent. */
    public String render(ShopDomain shop, String devTokenUrl) {
        return template.replace("%API_KEY%", Html.escape(apiKey)).replace("%SHOP%", Html.escape(shop.value()))
                .replace("%DEV_TOKEN_URL%", Html.escape(devTokenUrl));
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
