package com.returnsdrawer.session;

import com.returnsdrawer.shop.Shop;
import com.returnsdrawer.shop.ShopStore;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Authenticates {@code /api/**} by Shopify's session token ({@code Authorization: Bearer}): verified by
 * {@link SessionTokenVerifier}, issued by the shop's admin, and the shop installed. It is the only token validator
 * (the JWT module's own reactive one is switched off in application.yml: it would skip the installed check). The
 * database lookup runs on the blocking executor, never on the event loop.
 */
@Singleton
class SessionTokenAuthentication implements TokenValidator<HttpRequest<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(SessionTokenAuthentication.class);
    static final String SHOP_ID = "shop_id";
    static final String USER_ID = "user_id";

    private final SessionTokenVerifier verifier;
    private final ShopStore shops;
    private final ExecutorService blocking;

    SessionTokenAuthentication(SessionTokenVerifier verifier, ShopStore shops,
                               @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.verifier = verifier;
        this.shops = shops;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        Optional<SessionToken> verified = verifier.verify(token, request).filter(SessionToken::adminIssued);
        if (verified.isEmpty()) {
            LOG.debug("session token rejected");
            return Publishers.empty();
        }
        SessionToken session = verified.get();
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(() -> {
            Optional<Shop> shop = shops.find(session.shop());
            if (shop.isEmpty() || !shop.get().installed()) {
                LOG.debug("session token for {} rejected: shop not installed", session.shop());
                return null;
            }
            Map<String, Object> attributes = new HashMap<>();
            attributes.put(SHOP_ID, shop.get().id());
            if (session.subject() != null) {
                attributes.put(USER_ID, session.subject());
            }
            return Authentication.build(session.shop().value(), attributes);
        }, blocking));
    }
}
