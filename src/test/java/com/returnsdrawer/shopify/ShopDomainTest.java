package com.returnsdrawer.shopify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShopDomainTest {

    @Test
    void acceptsMyshopifyDomainsAndLowerCasesThem() {
        assertEquals("my-shop.myshopify.com", ShopDomain.parse("my-shop.myshopify.com").orElseThrow().value());
        assertEquals("my-shop.myshopify.com", ShopDomain.parse("My-Shop.MyShopify.COM").orElseThrow().value());
        assertEquals("1shop.myshopify.com", ShopDomain.parse("1shop.myshopify.com").orElseThrow().value());
    }

    @Test
    void rewritesTheAdminUrlForm() {
        assertEquals(Optional.of(new ShopDomain("my-shop.myshopify.com")), ShopDomain.parse("admin.shopify.com/store/my-shop"));
        assertEquals(Optional.of(new ShopDomain("my-shop.myshopify.com")), ShopDomain.parse("https://admin.shopify.com/store/my-shop"));
        assertEquals(Optional.of(new ShopDomain("my-shop.myshopify.com")), ShopDomain.parse("https://admin.shopify.com/store/My-Shop/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "evil.com",
            "x.myshopify.com.evil.com",
            "x.myshopify.com@evil.com",
            "evil.com@x.myshopify.com",
            "x.myshopify.com:443",
            "x.myshopify.com:8080",
            "x.myshopify.com/admin",
            "x.myshopify.com/",
            "https://x.myshopify.com",
            "//x.myshopify.com",
            "x.myshopify.com?x=1",
            "x.myshopify.com#a",
            "x.myshopify.com ",
            " x.myshopify.com",
            "x.myshopify.com\n",
            "x.myshopify.com%2Fevil.com",
            "-x.myshopify.com",
            ".myshopify.com",
            "myshopify.com",
            "x_y.myshopify.com",
            "x.y.myshopify.com",
            "x.myshopify.co",
            "x.shopify.com",
            "admin.shopify.com/store/",
            "admin.shopify.com/store/x/orders",
            "admin.shopify.com.evil.com/store/x",
            "http://admin.shopify.com/store/x",
            "admin.shopify.com/store/x@evil.com",
            "",
    })
    void rejectsHostileShopValues(String raw) {
        assertTrue(ShopDomain.parse(raw).isEmpty(), raw);
    }

    @Test
    void rejectsNullAndOverlongValues() {
        assertTrue(ShopDomain.parse(null).isEmpty());
        assertTrue(ShopDomain.parse("a".repeat(300) + ".myshopify.com").isEmpty());
    }

    @Test
    void constructorRefusesUnvalidatedValues() {
        assertThrows(IllegalArgumentException.class, () -> new ShopDomain("Evil.com"));
        assertThrows(IllegalArgumentException.class, () -> new ShopDomain("X.myshopify.com"));
        assertEquals("x", new ShopDomain("x.myshopify.com").handle());
    }
}
