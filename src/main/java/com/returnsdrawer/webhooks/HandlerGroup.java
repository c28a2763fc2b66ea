package com.returnsdrawer.webhooks;

import com.returnsdrawer.shopify.WebhookDelivery;
import com.returnsdrawer.shopify.WebhookHandler;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The deliveries of one handler within a committed group, applied in one {@link WebhookHandler#applyAll}. */
final class HandlerGroup<T> {

    private final WebhookHandler<T> handler;
    private final List<WebhookDelivery> deliveries = new ArrayList<>();
    private final List<T> payloads = new ArrayList<>();

    private HandlerGroup(WebhookHandler<T> handler) {
        this.handler = handler;
    }

    /** A group for the handler that read {@code first}, holding it. */
    static <T> HandlerGroup<T> start(Payload.Read<T> first, WebhookDelivery delivery) {
        HandlerGroup<T> group = new HandlerGroup<>(first.handler());
        group.deliveries.add(delivery);
        group.payloads.add(first.value());
        return group;
    }

    WebhookHandler<T> handler() {
        return handler;
    }

    /** Adds a payload read by this group's handler; any other handler's payload is refused. */
    void add(Payload.Read<?> read, WebhookDelivery delivery) {
        if (read.handler() != handler) {
            throw new IllegalArgumentException("a payload of " + read.handler() + " in the group of " + handler);
        }
        deliveries.add(delivery);
        payloads.add(valueOf(read));
    }

    @SuppressWarnings("unchecked")  // checked above: the same handler instance read it, so it is a T
    private T valueOf(Payload.Read<?> read) {
        return (T) read.value();
    }

    void apply(Connection c) throws SQLException {
        handler.applyAll(c, deliveries, payloads);
    }
}
