/**
 * Installed shops ({@code shops}, owned by {@code ShopStore}) and their encrypted Admin API tokens: install state and
 * when a webhook means a re-install, refresh under a short per-shop lease, key rotation, uninstall, redaction.
 */
package com.returnsdrawer.shop;
