/** Talking to Shopify: the app's Shopify configuration, the shop-domain value type and the Admin API client. */
package com.returnsdrawer.shopify;
