package com.returnsdrawer.install;

import com.returnsdrawer.shopify.ShopDomain;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AdminHostTest {

    private static final ShopDomain SHOP = new ShopDomain("host-shop.myshopify.com");
    private static final String FALLBACK = "https://admin.shopify.com/store/host-shop/apps/client-id";

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void usesTheUnifiedAdminHostOfThisShopWithOrWithoutPadding() {
        String host = b64("admin.shopify.com/store/host-shop");
        assertEquals(FALLBACK, AdminHost.appUrl(host, SHOP, "client-id"));
        assertEquals(FALLBACK, AdminHost.appUrl(host.replace("=", ""), SHOP, "client-id"));
    }

    @Test
    void usesTheLegacyAdminHostOfThisShop() {
        assertEquals("https://host-shop.myshopify.com/admin/apps/client-id",
                AdminHost.appUrl(b64("host-shop.myshopify.com/admin"), SHOP, "client-id"));
    }

    @Test
    void neverRedirectsToAHostThatIsNotThisShopsAdmin() {
        for (String decoded : new String[]{"admin.shopify.com/store/other-shop", "other-shop.myshopify.com/admin",
                "evil.com", "admin.shopify.com/store/host-shop/../../evil", "admin.shopify.com.evil.com/store/host-shop",
                "host-shop.myshopify.com/admin@evil.com"}) {
            assertEquals(FALLBACK, AdminHost.appUrl(b64(decoded), SHOP, "client-id"), decoded);
        }
    }

    @Test
    void fallsBackToTheShopsAdminWhenHostIsMissingOrUnreadable() {
        for (String host : new String[]{null, "", "   ", "%%%not-base64%%%", "a".repeat(600)}) {
            assertEquals(FALLBACK, AdminHost.appUrl(host, SHOP, "client-id"), String.valueOf(host));
        }
    }
}
