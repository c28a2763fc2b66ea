package com.returnsdrawer.shop;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.returnsdrawer.shopify.WebhookDelivery;
import com.returnsdrawer.shopify.WebhookHandler;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The app lifecycle topics: uninstall and granted-scope changes. */
final class ShopWebhooks {

    private static final Logger LOG = LoggerFactory.getLogger(ShopWebhooks.class);

    private ShopWebhooks() {
    }

    /**
     * app/uninstalled's payload, the Shop: only its {@code myshopify_domain} is read ({@code domain} may be the
     * shop's own custom domain).
     */
    @Serdeable(naming = io.micronaut.serde.config.naming.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record UninstalledShop(@Nullable String myshopifyDomain) {
    }

    /** app/uninstalled: tokens are already revoked by Shopify; the payload is the Shop, keyed by the header. */
    @Singleton
    static class AppUninstalled implements WebhookHandler<UninstalledShop> {
        private final ObjectMapper json;
        private final ShopStore shops;

        AppUninstalled(ObjectMapper json, ShopStore shops) {
            this.json = json;
            this.shops = shops;
        }

        @Override
        public Set<String> topics() {
            return Set.of("app/uninstalled");
        }

        /** An unreadable body still uninstalls the shop of the (signed) header. */
        @Override
        public UninstalledShop parse(byte[] body) {
            try {
                UninstalledShop shop = json.readValue(body, UninstalledShop.class);
                return shop == null ? new UninstalledShop(null) : shop;
            } catch (IOException | RuntimeException e) {
                return new UninstalledShop(null);
            }
        }

        @Override
        public Optional<String> shopNamed(UninstalledShop payload) {
            return Optional.ofNullable(payload.myshopifyDomain());
        }

        @Override
        public void apply(Connection c, WebhookDelivery delivery, UninstalledShop ignored) throws SQLException {
            shops.markUninstalled(delivery.shopId(), delivery.triggeredAt());
            LOG.info("shop {} uninstalled the app; tokens forgotten", delivery.shop());
        }

        @Override
        public boolean appliesAfterUninstall() {
            return true;
        }
    }

    /** app/scopes_update: records the scopes now granted. */
    @Singleton
    static class ScopesUpdated implements WebhookHandler<List<String>> {
        private final ObjectMapper json;
        private final ShopStore shops;

        ScopesUpdated(ObjectMapper json, ShopStore shops) {
            this.json = json;
            this.shops = shops;
        }

        @Serdeable
        @JsonIgnoreProperties(ignoreUnknown = true)
        record Payload(@Nullable List<String> previous, @Nullable List<String> current) {
        }

        @Override
        public Set<String> topics() {
            return Set.of("app/scopes_update");
        }

        @Override
        public List<String> parse(byte[] body) throws IOException {
            Payload payload = json.readValue(body, Payload.class);
            if (payload == null || payload.current() == null) {
                throw new IOException("app/scopes_update without current scopes");
            }
            return payload.current();
        }

        @Override
        public void apply(Connection c, WebhookDelivery delivery, List<String> current) throws SQLException {
            String scopes = String.join(",", current);
            shops.updateScopes(delivery.shopId(), scopes.length() > 1024 ? scopes.substring(0, 1024) : scopes,
                    delivery.receivedAt());
        }
    }
}
