/**
 * Keeps the order tables complete without webhooks: imports a shop's order history as one Shopify bulk operation after
 * install, resumes unfinished imports, and re-syncs every shop periodically to repair lost deliveries
 * (docs/behaviour.md, "First import").
 */
package com.returnsdrawer.orders.sync;
