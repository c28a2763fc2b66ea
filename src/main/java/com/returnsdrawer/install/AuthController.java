package com.returnsdrawer.install;

import com.returnsdrawer.shop.ShopInstalled;
import com.returnsdrawer.shop.ShopTokens;
import com.returnsdrawer.shopify.QueryString;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.ShopifyConfig;
import com.returnsdrawer.shopify.TokenEndpoint;
import com.returnsdrawer.shopify.TokenGrant;
import io.micronaut.context.event.ApplicationEventPublisher;
import com.returnsdrawer.web.Redirects;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Authorization code grant: {@code GET /auth} sends the merchant to Shopify's consent screen with a fresh
 * state; {@code GET /auth/callback} checks hmac, shop, timestamp and state, exchanges the code for an
 * expiring offline token, stores it encrypted and returns the merchant to the app in their admin
 * (shopify.dev: apps/build/authentication-authorization/access-tokens/authorization-code-grant).
 */
@Controller("/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
class AuthController {

    private static final Logger LOG = LoggerFactory.getLogger(AuthController.class);

    private final InstallRequestVerifier verifier;
    private final StateCookie state;
    private final TokenEndpoint tokens;
    private final ShopTokens shopTokens;
    private final ShopifyConfig config;
    private final ApplicationEventPublisher<ShopInstalled> installed;

    AuthController(InstallRequestVerifier verifier, StateCookie state, TokenEndpoint tokens, ShopTokens shopTokens,
                   ShopifyConfig config, ApplicationEventPublisher<ShopInstalled> installed) {
        this.verifier = verifier;
        this.state = state;
        this.tokens = tokens;
        this.shopTokens = shopTokens;
        this.config = config;
        this.installed = installed;
    }

    @Get
    @Produces(MediaType.TEXT_PLAIN)
    HttpResponse<String> begin(HttpRequest<?> request) {
        String raw = request.getUri().getRawQuery();
        var params = QueryString.parse(raw);
        var shop = ShopDomain.parse(QueryString.first(params, "shop"));
        if (shop.isEmpty()) {
            return HttpResponse.badRequest("A valid shop parameter (your-store.myshopify.com) is required.");
        }
        // Sent by Shopify, the request is signed: then the signature must hold. A merchant may also type the URL.
        if (QueryString.first(params, "hmac") != null && !verifier.verify(raw).valid()) {
            return HttpResponse.badRequest("The request signature is not valid.");
        }
        StateCookie.Issued issued = state.issue(shop.get());
        String authorize = config.shopBase(shop.get()) + "/admin/oauth/authorize"
                + "?client_id=" + enc(config.apiKey())
                + "&scope=" + enc(config.scopes())
                + "&redirect_uri=" + enc(config.appBaseUrl() + "/auth/callback")
                + "&state=" + enc(issued.nonce());
        return Redirects.<String>found(authorize).cookie(issued.cookie());
    }

    @Get("/callback")
    @Produces(MediaType.TEXT_PLAIN)
    HttpResponse<String> callback(HttpRequest<?> request) {
        InstallRequestVerifier.Result verified = verifier.verify(request.getUri().getRawQuery());
        if (!verified.valid()) {
            LOG.info("OAuth callback refused: {}", verified.reason());
            return HttpResponse.badRequest("The request signature, shop or timestamp is not valid.");
        }
        if (!state.matches(request, verified.param("state"), verified.shop())) {
            LOG.info("OAuth callback for {} refused: state missing or not matching", verified.shop());
            return HttpResponse.<String>badRequest("The install session expired or did not start here. Please install again.")
                    .cookie(state.cleared());
        }
        String code = verified.param("code");
        if (code == null || code.isEmpty()) {
            return HttpResponse.badRequest("The authorization code is missing.");
        }
        TokenGrant grant;
        try {
            grant = tokens.authorizationCode(verified.shop(), code);
        } catch (TokenEndpoint.TokenException e) {
            LOG.warn("OAuth code exchange for {} failed: {}", verified.shop(), e.getMessage());
            return HttpResponse.<String>badRequest(e.failure() == TokenEndpoint.Failure.UNAVAILABLE
                    ? "Shopify could not be reached to finish the install. Please try again."
                    : "Shopify did not grant access. Please install again.").cookie(state.cleared());
        }
        shopTokens.store(verified.shop(), grant);
        installed.publishEvent(new ShopInstalled(verified.shop()));
        LOG.info("installed on {} (scopes {})", verified.shop(), grant.scope());
        return Redirects.<String>found(AdminHost.appUrl(verified.param("host"), verified.shop(), config.apiKey()))
                .cookie(state.cleared());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
