package com.returnsdrawer.webhooks;

import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.WebhookDelivery;
import com.returnsdrawer.shopify.WebhookHandler;

import java.sql.Connection;
import java.sql.SQLException;

/** What became of a delivery's body before any transaction: read by its topic's handler, unreadable, or unrouted. */
sealed interface Payload {

    /** Read by {@code handler}; applied by the same handler. */
    record Read<T>(WebhookHandler<T> handler, T value) implements Payload {
        void applyTo(Connection c, WebhookDelivery delivery) throws SQLException {
            handler.apply(c, delivery, value);
        }

        /** Whether the body names a shop (as the handler reads it) other than the header's. */
        boolean namesAnotherShopThan(ShopDomain header) {
            return handler.shopNamed(value)
                    .filter(named -> !named.isBlank())
                    .map(named -> !ShopDomain.parse(named).map(header::equals).orElse(false))
                    .orElse(false);
        }
    }

    /** The handler could not read the body: acknowledged and kept for inspection. */
    record Unreadable() implements Payload {
    }

    /** No handler subscribes to the topic: acknowledged and kept for inspection. */
    record NoHandler() implements Payload {
    }

    /** Whether the delivery may be committed in a group with others ({@link WebhookHandler#groupCommit}). */
    default boolean groupable() {
        return this instanceof Read<?> read && read.handler().groupCommit();
    }

    /** Whether the handler applies the delivery to a shop that uninstalled the app. */
    default boolean appliesAfterUninstall() {
        return this instanceof Read<?> read && read.handler().appliesAfterUninstall();
    }
}
