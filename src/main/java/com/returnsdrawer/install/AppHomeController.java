package com.returnsdrawer.install;

import com.returnsdrawer.web.Html;
import com.returnsdrawer.shop.ShopInstalled;
import com.returnsdrawer.session.SessionToken;
import com.returnsdrawer.session.SessionTokenVerifier;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.shop.ShopTokens;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.ShopifyConfig;
import com.returnsdrawer.shopify.TokenEndpoint;
import com.returnsdrawer.shopify.TokenGrant;
import io.micronaut.context.event.ApplicationEventPublisher;
import com.returnsdrawer.web.Redirects;
import com.returnsdrawer.shopify.QueryString;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The app's home ({@code application_url}). Signed by Shopify; non-embedded loads go into the admin; embedded
 * loads carry an {@code id_token}, which is verified and — when the shop has no usable token — exchanged for an
 * expiring offline token (Shopify-managed install; shopify.dev: …/access-tokens/token-exchange). A missing or
 * rejected id token leads to the bounce page, where App Bridge reloads with a fresh one; a second failure is
 * an error page, never a loop.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class AppHomeController {

    private static final Logger LOG = LoggerFactory.getLogger(AppHomeController.class);
    static final String BOUNCED = "rd_bounced";

    private final InstallRequestVerifier verifier;
    private final SessionTokenVerifier sessionTokens;
    private final TokenEndpoint tokens;
    private final ShopTokens shopTokens;
    private final AdminPage page;
    private final ShopifyConfig config;
    private final ApplicationEventPublisher<ShopInstalled> installed;
    private final ShopStore shops;
    private final ScopeCheck scopes;

    AppHomeController(InstallRequestVerifier verifier, SessionTokenVerifier sessionTokens, TokenEndpoint tokens,
                      ShopTokens shopTokens, AdminPage page, ShopifyConfig config,
                      ApplicationEventPublisher<ShopInstalled> installed, ShopStore shops, ScopeCheck scopes) {
        this.verifier = verifier;
        this.sessionTokens = sessionTokens;
        this.tokens = tokens;
        this.shopTokens = shopTokens;
        this.page = page;
        this.config = config;
        this.installed = installed;
        this.shops = shops;
        this.scopes = scopes;
    }

    @Get
    HttpResponse<?> home(HttpRequest<?> request) {
        InstallRequestVerifier.Result verified = verifier.verify(request.getUri().getRawQuery(), true);
        boolean embedded = verified.valid() && "1".equals(verified.param("embedded"));
        if (!verified.valid() || (!verified.signed() && !embedded)) {
            LOG.info("app home refused: {}", verified.valid() ? "unsigned" : verified.reason());
            return HttpResponse.badRequest("The request signature, shop or timestamp is not valid.");
        }
        ShopDomain shop = verified.shop();
        if (!embedded) {
            return Redirects.<String>found(AdminHost.appUrl(verified.param("host"), shop, config.apiKey()));
        }
        boolean bounced = "1".equals(verified.param(BOUNCED));
        Optional<SessionToken> session = sessionTokens.verify(verified.param("id_token"), request)
                .filter(token -> token.adminIssued() && token.shop().equals(shop));
        if (session.isEmpty()) {
            LOG.info("embedded load for {} without a valid id token", shop);
            return bounced ? error(shop, HttpStatus.UNAUTHORIZED, "Your session could not be verified. Reload the app from your Shopify admin.")
                    : bounce(verified.params(), shop);
        }
        if (!shopTokens.hasUsableToken(shop)) {
            try {
                TokenGrant grant = tokens.exchangeIdToken(shop, verified.param("id_token"));
                shopTokens.store(shop, grant);
                installed.publishEvent(new ShopInstalled(shop));
                LOG.info("token exchange completed for {} (scopes {})", shop, grant.scope());
            } catch (TokenEndpoint.TokenException e) {
                if (e.failure() == TokenEndpoint.Failure.INVALID_SUBJECT_TOKEN && !bounced) {
                    return bounce(verified.params(), shop);
                }
                LOG.warn("token exchange for {} failed: {}", shop, e.getMessage());
                return error(shop, e.failure().temporary() ? HttpStatus.SERVICE_UNAVAILABLE
                        : HttpStatus.BAD_REQUEST, "Shopify did not grant access to your store. Reload the app to try again.");
            }
        }
        // A shop that granted fewer scopes than the app asks for now (install, exchange or a later change) is asked again.
        var reAsk = shops.find(shop).flatMap(s -> scopes.reAsk(shop, s.scopes()));
        if (reAsk.isPresent()) {
            LOG.info("{} is missing scopes {}; asking again", shop, shops.find(shop).map(s -> scopes.missing(s.scopes())).orElseThrow());
            return reAsk.get();
        }
        return page.response(shop, verified.param("locale"));
    }

    /**
     * The bounce page: App Bridge loads, takes {@code shopify-reload} and reloads it with a fresh id token
     * (shopify.dev: apps/build/authentication-authorization/set-embedded-app-authorization#bounce-page).
     */
    @Get("/auth/session-token")
    HttpResponse<String> bouncePage(HttpRequest<?> request) {
        String shopParam = request.getParameters().get("shop");
        var shop = ShopDomain.parse(shopParam);
        if (shop.isEmpty()) {
            return HttpResponse.badRequest("A valid shop parameter is required.");
        }
        String html = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="shopify-api-key" content="%s">
                <script src="https://cdn.shopify.com/shopifycloud/app-bridge.js"></script>
                <title>Returns Drawer</title></head><body></body></html>
                """.formatted(Html.escape(config.apiKey()));
        return AdminPage.embedded(HttpResponse.ok(html), shop.get());
    }

    /**
     * Sends the browser to the bounce page. The reload URL carries only what identifies the load; App Bridge
     * adds a fresh id token, which then authenticates it. {@code rd_bounced} stops a second round.
     */
    private MutableHttpResponse<?> bounce(Map<String, String> params, ShopDomain shop) {
        String host = params.get("host");
        String locale = params.get("locale");
        // The admin's language survives the bounce, so the reloaded page is in it too.
        String reload = "/?embedded=1&shop=" + QueryString.encode(shop.value()) + (host == null ? "" : "&host=" + QueryString.encode(host))
                + (locale == null ? "" : "&locale=" + QueryString.encode(locale)) + "&" + BOUNCED + "=1";
        String target = "/auth/session-token?shop=" + QueryString.encode(shop.value()) + (host == null ? "" : "&host=" + QueryString.encode(host))
                + "&shopify-reload=" + QueryString.encode(reload);
        return Redirects.<String>found(target);
    }

    private static MutableHttpResponse<String> error(ShopDomain shop, HttpStatus status, String message) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Returns Drawer</title></head>"
                + "<body><p>" + Html.escape(message) + "</p></body></html>";
        return AdminPage.embedded(HttpResponse.<String>status(status).body(html), shop);
    }
}
