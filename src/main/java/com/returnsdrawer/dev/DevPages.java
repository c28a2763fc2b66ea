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

    private final AdminPage adminPage;
    private final SigningSecrets secrets;
    private final ShopifyConfig config;

    DevPages(AdminPage adminPage, SigningSecrets secrets, ShopifyConfig config) {
        this.adminPage = adminPage;
        this.secrets = secrets;
        this.config = config;
    }

    @Get("/admin")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> admin() {
        return AdminPage.embedded(HttpResponse.ok(adminPage.render(DemoData.DEMO_SHOP, "/dev/session-token")), DemoData.DEMO_SHOP);
    }

    /** A fresh session token for the demo shop, as App Bridge's {@code shopify.idToken()} would give. */
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
