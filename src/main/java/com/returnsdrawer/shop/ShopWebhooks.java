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
import java.util.Set;

/** The app lifecycle topics: uninstall and granted-scope changes. */
final class ShopWebhooks {

    private static final Logger LOG = LoggerFactory.getLogger(ShopWebhooks.class);

    private ShopWebhooks() {
    }

    /** app/uninstalled: tokens are already revoked by Shopify; the payload is the Shop, keyed by the header. */
    @Singleton
    static class AppUninstalled implements WebhookHandler<Boolean> {
        private final ShopStore shops;

        AppUninstalled(ShopStore shops) {
            this.shops = shops;
        }

        @Override
        public Set<String> topics() {
            return Set.of("app/uninstalled");
        }

        @Override
        public Boolean parse(byte[] body) {
            return Boolean.TRUE;
        }

        @Override
        public void apply(Connection c, WebhookDelivery delivery, Boolean ignored) throws SQLException {
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
