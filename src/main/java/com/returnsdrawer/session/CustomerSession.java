package com.returnsdrawer.session;

import com.returnsdrawer.shopify.ShopDomain;

/**
 * A verified customer-account session: Shopify signed that {@code customerId} is signed in to {@code shop}'s
 * customer accounts. Only {@link CustomerSessionVerifier} makes one, so no other input can name a customer.
 */
public record CustomerSession(ShopDomain shop, long customerId) {
}
