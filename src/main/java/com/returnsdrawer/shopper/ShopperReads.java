package com.returnsdrawer.shopper;

import com.returnsdrawer.orders.DrawerList;
import com.returnsdrawer.orders.OrderSummary;
import com.returnsdrawer.settings.StorefrontShop;
import com.returnsdrawer.shopify.ShopDomain;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * What a shopper reads, on either surface ({@link DrawerList}), with the shop and its settings joined in: one
 * statement per request.
 */
@Singleton
public class ShopperReads {

    private final DrawerList.Reads<StorefrontShop> reads;
    private final DrawerList.Reads<StorefrontShop> returnReads;

    ShopperReads(DrawerList drawer) {
        this.reads = drawer.reads(StorefrontShop.COLUMNS);
        this.returnReads = drawer.reads(StorefrontShop.WITH_API_KEY);
    }

    /** The shop (empty when the app has never seen it) and, for a customer, that customer's orders. */
    public record Page(Optional<StorefrontShop> shop, List<OrderSummary> orders) {
    }

    public record One(Optional<StorefrontShop> shop, @Nullable OrderSummary order) {
    }

    public String pageSql() {
        return reads.pageSql();
    }

    public String oneSql() {
        return reads.oneSql();
    }

    public Page page(ShopDomain shop, @Nullable Long customerId, int limit, int offset) {
        DrawerList.Page<StorefrontShop> page = reads.page(shop, customerId, limit, offset);
        return new Page(page.shop(), page.orders());
    }

    public One one(ShopDomain shop, @Nullable Long customerId, long orderId) {
        DrawerList.One<StorefrontShop> one = reads.one(shop, customerId, orderId);
        return new One(one.shop(), one.order());
    }

    /** {@link #one} with the shop's sealed provider API key, for the return click's deep link. */
    public One forReturn(ShopDomain shop, @Nullable Long customerId, long orderId) {
        DrawerList.One<StorefrontShop> one = returnReads.one(shop, customerId, orderId);
        return new One(one.shop(), one.order());
    }

    /** The shop alone; empty for a shop the app has never seen. */
    public Optional<StorefrontShop> shop(ShopDomain shop) {
        return reads.shop(shop);
    }

    /** An order id as a shopper's request names it: 1 to 19 digits, a positive long; anything else is -1. */
    public static long orderId(String digits) {
        if (digits.isEmpty() || digits.length() > 19) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return -1;
            }
        }
        try {
            long value = Long.parseLong(digits);
            return value > 0 ? value : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
