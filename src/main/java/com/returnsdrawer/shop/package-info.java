/**
 * Installed shops ({@code shops}, owned by {@code ShopStore}) and their encrypted Admin API tokens: install state and
 * when a webhook means a re-install, refresh under a row lock, uninstall, redaction.
 */
package com.returnsdrawer.shop;
