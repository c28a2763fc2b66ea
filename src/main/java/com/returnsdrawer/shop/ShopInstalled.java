package com.returnsdrawer.shop;

import com.returnsdrawer.shopify.ShopDomain;

/** Published once a shop's token is stored by OAuth or token exchange: post-install work listens for it. */
public record ShopInstalled(ShopDomain shop) {
}
