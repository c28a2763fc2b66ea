package com.returnsdrawer.dev;

import com.returnsdrawer.install.AdminPage;
import com.returnsdrawer.crypto.SigningSecrets;
import com.returnsdrawer.session.SessionTokenMinter;
import com.returnsdrawer.shopify.ShopifyConfig;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Duration;
import java.time.Instant;

/**
 * Local pages of the {@code dev} environment: the embedded admin page outside Shopify (session tokens minted
 * here for the demo shop) and a storefront with the drawer embed. Absent from every other environment.
 */
@Controller("/dev")
@Requires(env = "dev")
@ExecuteOn(TaskExecutors.BLOCKING)
class DevPages {

    static final String GUEST_COOKIE = "rd_dev_guest";
    static final String DEV_APP_BRIDGE = "/dev/app-bridge.js";

    private final AdminPage adminPage;
    private final SigningSecrets secrets;
    private final ShopifyConfig config;
    private final String appBridgeStandIn;

    DevPages(AdminPage adminPage, SigningSecrets secrets, ShopifyConfig config) {
        this.adminPage = adminPage;
        this.secrets = secrets;
        this.config = config;
        try (var in = DevPages.class.getResourceAsStream("/dev/app-bridge-dev.js")) {
            if (in == null) {
                throw new IllegalStateException("dev/app-bridge-dev.js is missing from the build");
            }
            this.appBridgeStandIn = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The production page for the demo shop, with App Bridge replaced by a local stand-in (outside the Shopify admin
     * the real one has no admin to ask for session tokens): the only place the minted tokens reach a page.
     */
    @Get("/admin")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> admin(@Nullable @QueryValue String locale) {
        return AdminPage.embedded(HttpResponse.ok(adminPage.render(DemoData.DEMO_SHOP, locale, DEV_APP_BRIDGE)), DemoData.DEMO_SHOP);
    }

    @Get(value = "/app-bridge.js", produces = "application/javascript")
    HttpResponse<String> appBridge() {
        return HttpResponse.ok(appBridgeStandIn).header("Cache-Control", "no-store");
    }

    /** A fresh session token for the demo shop, as App Bridge's {@code shopify.idToken()} would give (dev only). */
    @Get("/session-token")
    @Produces(MediaType.TEXT_PLAIN)
    HttpResponse<String> sessionToken() {
        return HttpResponse.ok(SessionTokenMinter.mint(secrets.current(), config.apiKey(), DemoData.DEMO_SHOP, "1",
                Instant.now(), Duration.ofMinutes(1))).header("Cache-Control", "no-store");
    }

    @Get("/storefront")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> storefront(HttpRequest<?> request) {
        String as = request.getParameters().get("customer");
        boolean guest = as != null ? as.equals("none") : request.getCookies().findCookie(GUEST_COOKIE).isPresent();
        var response = HttpResponse.ok(DevStorefront.page(guest));
        if (as != null) {
            response.cookie(Cookie.of(GUEST_COOKIE, "1").path("/").httpOnly(true).maxAge(guest ? 86400 : 0));
        }
        return response.header("Cache-Control", "no-store");
    }
}
