package com.returnsdrawer.orders;

import com.returnsdrawer.shopify.WebhookDelivery;
import com.returnsdrawer.shopify.WebhookHandler;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The returns/* topics (shopify.dev: api/webhooks, topic returns/request and the others): the return's id, status
 * and order, written through {@link OrderReturns}; the delivery Shopify triggered last wins. Shopify's samples name
 * the order as {@code order.id} (request, approve, decline) or as a top-level {@code order_id} (close, cancel,
 * reopen), and ids may come as numbers or GIDs: all are read.
 */
@Singleton
class ReturnWebhooks implements WebhookHandler<ReturnWebhooks.ReturnPayload> {

    /** What a returns/* delivery says. */
    record ReturnPayload(long returnId, long orderId, ReturnStatus status) {
    }

    private final ObjectMapper json;
    private final OrderReturns returns;

    ReturnWebhooks(ObjectMapper json, OrderReturns returns) {
        this.json = json;
        this.returns = returns;
    }

    @Override
    public Set<String> topics() {
        return Set.of("returns/request", "returns/approve", "returns/decline", "returns/cancel", "returns/close",
                "returns/reopen");
    }

    @Override
    public ReturnPayload parse(byte[] body) throws IOException {
        JsonNode root = json.readValue(body, JsonNode.class);
        if (root == null || !root.isObject()) {
            throw new IOException("return payload is not an object");
        }
        Long returnId = first(id(root.get("id"), "Return"), id(root.get("admin_graphql_api_id"), "Return"));
        JsonNode order = root.get("order");
        Long orderId = first(id(root.get("order_id"), "Order"),
                order == null || !order.isObject() ? null
                        : first(id(order.get("id"), "Order"), id(order.get("admin_graphql_api_id"), "Order")));
        JsonNode status = root.get("status");
        ReturnStatus known = status != null && status.isString() ? ReturnStatus.of(status.getStringValue()).orElse(null) : null;
        if (returnId == null || orderId == null || known == null) {
            throw new IOException("return payload without id, order or a known status");
        }
        return new ReturnPayload(returnId, orderId, known);
    }

    @Override
    public void apply(Connection c, WebhookDelivery delivery, ReturnPayload payload) throws SQLException {
        applyAll(c, List.of(delivery), List.of(payload));
    }

    @Override
    public boolean groupCommit() {
        return true;
    }

    /** The whole group in one statement, whichever shops it holds. */
    @Override
    public void applyAll(Connection c, List<WebhookDelivery> deliveries, List<ReturnPayload> payloads) throws SQLException {
        List<OrderReturns.Stated> stated = new ArrayList<>(deliveries.size());
        for (int i = 0; i < deliveries.size(); i++) {
            WebhookDelivery d = deliveries.get(i);
            ReturnPayload p = payloads.get(i);
            stated.add(new OrderReturns.Stated(d.shopId(), p.returnId(), p.orderId(), p.status(), d.triggeredAt()));
        }
        returns.write(c, stated);
    }

    private static Long first(Long a, Long b) {
        return a != null ? a : b;
    }

    /** A positive id as a number, a string of digits, or a {@code gid://shopify/<type>/<id>}; null otherwise. */
    static Long id(JsonNode node, String type) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            long id = node.getLongValue();
            return id > 0 ? id : null;
        }
        if (!node.isString()) {
            return null;
        }
        return parseId(node.getStringValue(), type);
    }

    static Long parseId(String value, String type) {
        String prefix = "gid://shopify/" + type + "/";
        String digits = value.startsWith(prefix) ? value.substring(prefix.length()) : value;
        int query = digits.indexOf('?');
        if (query >= 0) {
            digits = digits.substring(0, query);
        }
        if (digits.isEmpty() || digits.length() > 19 || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return null;
        }
        try {
            long id = Long.parseLong(digits);
            return id > 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
