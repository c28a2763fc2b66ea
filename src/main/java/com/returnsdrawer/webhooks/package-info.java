/**
 * Webhook ingestion: verify and read the headers, record each delivery once ({@code DeliveryLog}), apply it alone or
 * in a group ({@code DeliveryWriter}) through the {@code WebhookHandler} beans; knows no business feature.
 */
package com.returnsdrawer.webhooks;
