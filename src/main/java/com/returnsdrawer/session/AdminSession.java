package com.returnsdrawer.session;

import com.returnsdrawer.shopify.ShopDomain;
import io.micronaut.core.annotation.Nullable;

/**
 * The shop an admin API request is for, as its verified session token says: controllers take it as an
 * argument and can name no other shop.
 */
public record AdminSession(long shopId, ShopDomain shop, @Nullable String userId) {
}
