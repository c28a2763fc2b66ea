package com.returnsdrawer.orders.sync;

import com.returnsdrawer.shopify.WebhookDelivery;
import com.returnsdrawer.shopify.WebhookHandler;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.sql.Connection;
import java.util.Set;

/**
 * {@code bulk_operations/finish} (shopify.dev: api/usage/bulk-operations/queries, "Option A: Subscribe to the
 * webhook"): Shopify finished (completed, failed or canceled) a bulk operation of the shop. The delivery only wakes
 * the shop's first import, which asks Shopify for the operation's state itself; polling does the same when a
 * delivery never comes.
 */
@Singleton
class BulkOperationWebhooks implements WebhookHandler<BulkOperationWebhooks.Finished> {

    /** The operation's id ({@code admin_graphql_api_id}) and the status the delivery states. */
    record Finished(String operationId, String status) {
    }

    private final ObjectMapper json;
    private final OrderImporter importer;

    BulkOperationWebhooks(ObjectMapper json, OrderImporter importer) {
        this.json = json;
        this.importer = importer;
    }

    @Override
    public Set<String> topics() {
        return Set.of("bulk_operations/finish");
    }

    @Override
    public Finished parse(byte[] body) throws IOException {
        JsonNode root = json.readValue(body, JsonNode.class);
        JsonNode id = root == null || !root.isObject() ? null : root.get("admin_graphql_api_id");
        if (id == null || !id.isString() || !id.getStringValue().startsWith("gid://shopify/BulkOperation/")) {
            throw new IOException("bulk operation payload without admin_graphql_api_id");
        }
        JsonNode status = root.get("status");
        return new Finished(id.getStringValue(), status == null || !status.isString() ? "" : status.getStringValue());
    }

    /** Nothing to write: the import is woken, and reads the operation (and writes its orders) in units of its own. */
    @Override
    public void apply(Connection connection, WebhookDelivery delivery, Finished payload) {
        importer.operationFinished(delivery.shopId(), payload.operationId());
    }
}
