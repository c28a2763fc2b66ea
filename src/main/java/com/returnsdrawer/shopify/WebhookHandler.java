package com.returnsdrawer.shopify;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Applies the deliveries of some webhook topics. Implemented by the features (orders, shops, compliance);
 * the webhook dispatcher finds every handler bean and knows none by name.
 *
 * @param <T> the parsed payload
 */
public interface WebhookHandler<T> {

    /** The topics handled, as Shopify names them ({@code orders/updated}). */
    Set<String> topics();

    /**
     * Reads the payload, before any transaction is open.
     *
     * @throws Exception when the body cannot be read: the delivery is acknowledged and kept for inspection
     */
    T parse(byte[] body) throws Exception;

    /**
     * Applies the payload inside the delivery's transaction: idempotently, tolerating duplicates and late
     * arrivals. The delivery is acknowledged only after this and its record commit together.
     */
    void apply(Connection connection, WebhookDelivery delivery, T payload) throws SQLException;

    /**
     * Whether deliveries of these topics may be committed together with other deliveries, in one transaction
     * ({@link #applyAll}). True only for topics that change no shop-wide state, so that a group applies exactly
     * as its deliveries would one by one, in any order.
     */
    default boolean groupCommit() {
        return false;
    }

    /**
     * Applies several deliveries ({@code deliveries.get(i)} carries {@code payloads.get(i)}) in one transaction,
     * in list order. Handlers with a multi-row write override this; by default, one {@link #apply} each.
     */
    default void applyAll(Connection connection, List<WebhookDelivery> deliveries, List<T> payloads) throws SQLException {
        for (int i = 0; i < deliveries.size(); i++) {
            apply(connection, deliveries.get(i), payloads.get(i));
        }
    }

    /**
     * The shop domain the payload itself names, when its topic carries one (the compliance topics' {@code shop_domain},
     * the uninstall's {@code myshopify_domain}). A delivery whose body names another shop than its
     * {@code X-Shopify-Shop-Domain} header is refused with 400 before anything is stored or applied.
     */
    default Optional<String> shopNamed(T payload) {
        return Optional.empty();
    }

    /** Compliance topics are honoured even for a shop that has uninstalled the app. */
    default boolean appliesAfterUninstall() {
        return false;
    }
}
