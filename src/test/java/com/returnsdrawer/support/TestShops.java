package com.returnsdrawer.support;

import com.returnsdrawer.shopify.ShopDomain;

import java.util.concurrent.ThreadLocalRandom;

/** Shop domains no other test (nor an earlier run on the same database) uses, so tests never share state. */
public final class TestShops {

    private TestShops() {
    }

    public static ShopDomain unique(String prefix) {
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
        return new ShopDomain(prefix + "-" + suffix + ".myshopify.com");
    }
}
