package com.returnsdrawer.install;

import com.returnsdrawer.shop.ShopInstalled;
import com.returnsdrawer.shop.ShopTokens;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.ShopifyConfig;
import com.returnsdrawer.shopify.TokenGrant;
import com.returnsdrawer.web.Redirects;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.handlers.RedirectingLoginHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the module's OAuth controller does once {@link ShopifyOauthClient} has judged a callback: on success the
 * tokens are stored encrypted, {@link ShopInstalled} is published and the merchant goes into the app in their
 * admin (or, when Shopify granted fewer scopes than asked for, is asked again: {@link ScopeCheck}); on refusal a 400 says what to do, and nothing is stored. The state cookie is expired either way.
 */
@Singleton
class InstallLoginHandler implements RedirectingLoginHandler<HttpRequest<?>, MutableHttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(InstallLoginHandler.class);

    private final ShopTokens shopTokens;
    private final ApplicationEventPublisher<ShopInstalled> installed;
    private final StateCookiePersistence stateCookie;
    private final ShopifyConfig config;
    private final ScopeCheck scopes;

    InstallLoginHandler(ShopTokens shopTokens, ApplicationEventPublisher<ShopInstalled> installed,
                        StateCookiePersistence stateCookie, ShopifyConfig config, ScopeCheck scopes) {
        this.shopTokens = shopTokens;
        this.installed = installed;
        this.stateCookie = stateCookie;
        this.config = config;
        this.scopes = scopes;
    }

    @Override
    public MutableHttpResponse<?> loginSuccess(Authentication authentication, HttpRequest<?> request) {
        ShopDomain shop = new ShopDomain(authentication.getName());
        TokenGrant grant = (TokenGrant) authentication.getAttributes().get(ShopifyOauthClient.GRANT);
        shopTokens.store(shop, grant);
        installed.publishEvent(new ShopInstalled(shop));
        LOG.info("installed on {} (scopes {})", shop, grant.scope());
        var reAsk = scopes.reAsk(shop, grant.scope());
        if (reAsk.isPresent()) {
            LOG.warn("{} granted fewer scopes than asked for (missing {}); asking again", shop, scopes.missing(grant.scope()));
            return stateCookie.clear(request, reAsk.get());
        }
        Object host = authentication.getAttributes().get(ShopifyOauthClient.HOST);
        return stateCookie.clear(request, Redirects.<String>found(
                AdminHost.appUrl(host == null ? null : host.toString(), shop, config.apiKey())));
    }

    @Override
    public MutableHttpResponse<?> loginRefresh(Authentication authentication, String refreshToken, HttpRequest<?> request) {
        return HttpResponse.notFound();
    }

    @Override
    public MutableHttpResponse<?> loginFailed(AuthenticationResponse response, HttpRequest<?> request) {
        ShopifyOauthClient.Refusal refusal = response.getMessage().map(InstallLoginHandler::refusal)
                .orElse(ShopifyOauthClient.Refusal.SIGNATURE);
        String message = switch (refusal) {
            case SIGNATURE -> "The request signature, shop or timestamp is not valid.";
            case STATE -> "The install session expired or did not start here. Please install again.";
            case CODE -> "The authorization code is missing.";
            case SHOPIFY_UNAVAILABLE -> "Shopify could not be reached to finish the install. Please try again.";
            case SHOPIFY_REFUSED -> "Shopify did not grant access. Please install again.";
        };
        return stateCookie.clear(request, HttpResponse.badRequest(message).contentType(MediaType.TEXT_PLAIN_TYPE));
    }

    private static ShopifyOauthClient.Refusal refusal(String message) {
        try {
            return ShopifyOauthClient.Refusal.valueOf(message);
        } catch (IllegalArgumentException e) {
            return ShopifyOauthClient.Refusal.SIGNATURE;
        }
    }
}
