/**
 * Keeps the order tables complete without webhooks: imports a shop's orders through the GraphQL Admin API after
 * install, resumes unfinished imports, and re-syncs every shop periodically to repair lost deliveries
 * (docs/behaviour.md, "Install").
 */
package com.returnsdrawer.orders.sync;
