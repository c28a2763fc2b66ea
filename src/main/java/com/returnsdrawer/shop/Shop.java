package com.returnsdrawer.shop;

import com.returnsdrawer.shopify.ShopDomain;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * A shop the app knows, without its tokens: safe to pass around, log (by domain) and show.
 * {@code installed} is false after {@code app/uninstalled} until the next install.
 */
public record Shop(long id, ShopDomain domain, boolean installed, @Nullable String scopes,
                   boolean hasToken, @Nullable Instant installedAt, @Nullable Instant uninstalledAt) {
}
