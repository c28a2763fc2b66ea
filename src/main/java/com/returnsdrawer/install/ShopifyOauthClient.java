package com.returnsdrawer.install;

import com.returnsdrawer.shopify.QueryString;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.ShopifyConfig;
import com.returnsdrawer.shopify.TokenEndpoint;
import com.returnsdrawer.shopify.TokenGrant;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.oauth2.client.OauthClient;
import io.micronaut.security.oauth2.endpoint.authorization.request.AuthorizationRedirectHandler;
import io.micronaut.security.oauth2.endpoint.authorization.state.InvalidStateException;
import io.micronaut.security.oauth2.endpoint.authorization.state.State;
import io.micronaut.security.oauth2.endpoint.authorization.state.StateFactory;
import io.micronaut.security.oauth2.endpoint.authorization.state.StateSerDes;
import io.micronaut.security.oauth2.endpoint.authorization.state.validation.StateValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Shopify's authorization code grant as micronaut-security-oauth2's client, served by the module's controller at
 * {@code GET /auth} and {@code GET /auth/callback}. Both URLs are the shop's own
 * ({@code {SHOPIFY_SHOP_BASE_URL}/admin/oauth/authorize} and {@code …/access_token}), which the module's
 * statically configured clients cannot express. The callback passes {@link InstallRequestVerifier} (hmac, shop,
 * timestamp), the module's {@link StateValidator} against the signed state cookie, and the state's shop, then
 * exchanges the code (shopify.dev: apps/build/authentication-authorization/access-tokens/authorization-code-grant).
 */
@Singleton
@Named(ShopifyOauthClient.NAME)
class ShopifyOauthClient implements OauthClient {

    static final String NAME = "shopify";
    static final String GRANT = "token_grant";
    static final String HOST = "host";

    private static final Logger LOG = LoggerFactory.getLogger(ShopifyOauthClient.class);

    /** Why a callback was refused: the login handler answers each with its own 400 message. */
    enum Refusal { SIGNATURE, STATE, CODE, SHOPIFY_UNAVAILABLE, SHOPIFY_REFUSED }

    private final InstallRequestVerifier verifier;
    private final StateFactory stateFactory;
    private final StateSerDes stateSerDes;
    private final StateValidator stateValidator;
    private final AuthorizationRedirectHandler redirectHandler;
    private final TokenEndpoint tokens;
    private final ShopifyConfig config;
    private final ExecutorService blocking;

    ShopifyOauthClient(InstallRequestVerifier verifier, StateFactory stateFactory, StateSerDes stateSerDes,
                       StateValidator stateValidator, AuthorizationRedirectHandler redirectHandler, TokenEndpoint tokens,
                       ShopifyConfig config, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.verifier = verifier;
        this.stateFactory = stateFactory;
        this.stateSerDes = stateSerDes;
        this.stateValidator = stateValidator;
        this.redirectHandler = redirectHandler;
        this.tokens = tokens;
        this.config = config;
        this.blocking = blocking;
    }

    @Override
    public String getName() {
        return NAME;
    }

    /** {@code /auth?shop=…}: to the shop's consent screen, with a fresh state in the parameter and the cookie. */
    @Override
    public Publisher<MutableHttpResponse<?>> authorizationRedirect(HttpRequest<?> originating) {
        return Publishers.just(begin(originating));
    }

    MutableHttpResponse<?> begin(HttpRequest<?> originating) {
        String raw = originating.getUri().getRawQuery();
        var params = QueryString.parse(raw);
        var shop = ShopDomain.parse(QueryString.first(params, "shop"));
        if (shop.isEmpty()) {
            return text(HttpResponse.badRequest("A valid shop parameter (your-store.myshopify.com) is required."));
        }
        // Sent by Shopify, the request is signed: then the signature must hold. A merchant may also type the URL.
        if (QueryString.first(params, "hmac") != null && !verifier.verify(raw).valid()) {
            return text(HttpResponse.badRequest("The request signature is not valid."));
        }
        var request = new ShopifyAuthorizationRequest(originating, shop.get(), config.apiKey(), config.scopes(),
                config.appBaseUrl() + "/auth/callback", stateFactory);
        return redirectHandler.redirect(request, config.shopBase(shop.get()) + "/admin/oauth/authorize");
    }

    /** {@code /auth/callback}: the code exchanged on the blocking executor (a call to Shopify), never the event loop. */
    @Override
    public Publisher<AuthenticationResponse> onCallback(HttpRequest<Map<String, Object>> request) {
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(() -> callback(request), blocking));
    }

    AuthenticationResponse callback(HttpRequest<?> request) {
        InstallRequestVerifier.Result verified = verifier.verify(request.getUri().getRawQuery());
        if (!verified.valid()) {
            LOG.info("OAuth callback refused: {}", verified.reason());
            return AuthenticationResponse.failure(Refusal.SIGNATURE.name());
        }
        State state = stateSerDes.deserialize(verified.param("state"));
        try {
            stateValidator.validate(request, state);
        } catch (InvalidStateException e) {
            LOG.info("OAuth callback for {} refused: state missing, expired or not matching", verified.shop());
            return AuthenticationResponse.failure(Refusal.STATE.name());
        }
        if (!(state instanceof ShopState shopState) || !shopState.shop().equals(verified.shop())) {
            LOG.info("OAuth callback for {} refused: state begun for another shop", verified.shop());
            return AuthenticationResponse.failure(Refusal.STATE.name());
        }
        String code = verified.param("code");
        if (code == null || code.isEmpty()) {
            return AuthenticationResponse.failure(Refusal.CODE.name());
        }
        TokenGrant grant;
        try {
            grant = tokens.authorizationCode(verified.shop(), code);
        } catch (TokenEndpoint.TokenException e) {
            LOG.warn("OAuth code exchange for {} failed: {}", verified.shop(), e.getMessage());
            return AuthenticationResponse.failure((e.failure().temporary()
                    ? Refusal.SHOPIFY_UNAVAILABLE : Refusal.SHOPIFY_REFUSED).name());
        }
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(GRANT, grant);
        if (verified.param(HOST) != null) {
            attributes.put(HOST, verified.param(HOST));
        }
        return AuthenticationResponse.success(verified.shop().value(), List.of(), attributes);
    }

    private static MutableHttpResponse<?> text(MutableHttpResponse<String> response) {
        return response.contentType(MediaType.TEXT_PLAIN_TYPE);
    }
}
