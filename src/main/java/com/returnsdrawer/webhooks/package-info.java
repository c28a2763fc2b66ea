/** Webhook ingestion: verify, deduplicate, record, dispatch to {@code WebhookHandler} beans; knows no business feature. */
package com.returnsdrawer.webhooks;
