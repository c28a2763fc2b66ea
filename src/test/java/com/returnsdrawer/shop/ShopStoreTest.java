package com.returnsdrawer.shop;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.support.Sql;
import com.returnsdrawer.support.TestShops;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static com.returnsdrawer.db.Times.toDb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(startApplication = false, transactional = false)
class ShopStoreTest {

    @Inject
    ShopStore shops;
    @Inject
    Database database;

    private final ShopDomain domain = TestShops.unique("store");
    // Whole seconds: MySQL Connector/J sends no fractional seconds to MariaDB (its version reads as 5.5.5).
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private Shop withToken(Instant installedAt) {
        Shop shop = shops.findOrCreate(domain, installedAt);
        database.inTransaction(c -> {
            shops.writeTokens(c, domain, new ShopStore.EncryptedTokens("v1.a", null, null, null), "read_orders",
                    installedAt, true);
            return null;
        });
        return shops.find(domain).orElseThrow();
    }

    @Test
    void anUnseenShopIsRecordedInstalledWithoutAToken() {
        assertTrue(shops.find(domain).isEmpty());
        Shop first = shops.findOrCreate(domain, now);
        assertTrue(first.installed());
        assertFalse(first.hasToken());
        assertNull(first.installedAt(), "only an install the app saw sets installed_at");
        assertEquals(first, shops.findOrCreate(domain, now.plusSeconds(5)), "seen again: the same shop, unchanged");
        assertEquals(1L, Sql.count(database, "SELECT COUNT(*) FROM shops WHERE domain = ?", domain.value()));
    }

    @Test
    void findsAShopByDomainAndItsDomainById() {
        Shop shop = withToken(now);
        assertTrue(shop.hasToken());
        assertEquals("read_orders", shop.scopes());
        assertEquals(now, shop.installedAt());
        assertEquals(domain, shops.domainOf(shop.id()).orElseThrow());
        assertTrue(shops.domainOf(-1).isEmpty());
    }

    @Test
    void uninstallForgetsTheTokensAndKeepsTheFirstUninstallTime() {
        Shop shop = withToken(now.minusSeconds(3600));
        shops.markUninstalled(shop.id(), now.minusSeconds(60));
        shops.markUninstalled(shop.id(), now);
        Map<String, Object> row = Sql.one(database, "SELECT * FROM shops WHERE id = ?", shop.id());
        assertEquals(false, row.get("installed"));
        assertNull(row.get("access_token"));
        assertEquals(toDb(now.minusSeconds(60)), Sql.dateTime(row.get("uninstalled_at")));
    }

    @Test
    void anUninstallTriggeredBeforeANewerInstallChangesNothing() {
        Shop shop = withToken(now);
        shops.markUninstalled(shop.id(), now.minusSeconds(60));
        Shop after = shops.find(domain).orElseThrow();
        assertTrue(after.installed());
        assertTrue(after.hasToken());
    }

    @Test
    void aReinstallMarksTheShopInstalledFromTheDeliverysTriggerTime() {
        Shop shop = withToken(now.minusSeconds(3600));
        shops.markUninstalled(shop.id(), now.minusSeconds(60));
        shops.markInstalled(shop.id(), now);
        Shop after = shops.find(domain).orElseThrow();
        assertTrue(after.installed());
        assertEquals(now, after.installedAt());
        assertFalse(after.hasToken(), "a reinstall seen through a webhook brings no token");
    }

    @Test
    void scopesUpdateRecordsTheGrantedScopes() {
        Shop shop = withToken(now);
        shops.updateScopes(shop.id(), "read_orders,write_app_proxy", now);
        assertEquals("read_orders,write_app_proxy", shops.find(domain).orElseThrow().scopes());
    }

    @Test
    void listsTheShopsInstalledWithAToken() {
        Shop withToken = withToken(now);
        Shop without = shops.findOrCreate(TestShops.unique("store-no-token"), now);
        assertTrue(shops.idsInstalledWithToken().contains(withToken.id()));
        assertFalse(shops.idsInstalledWithToken().contains(without.id()));
        shops.markUninstalled(withToken.id(), now.plusSeconds(1));
        assertFalse(shops.idsInstalledWithToken().contains(withToken.id()));
    }

    @Test
    void forgettingAShopDeletesItsRowWithItsTokens() {
        Shop shop = withToken(now);
        shops.forget(shop.id());
        assertTrue(shops.find(domain).isEmpty());
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM shops WHERE domain = ?", domain.value()));
    }

    @Test
    void aFailedUnitLeavesTheShopAsItWas() {
        Shop shop = withToken(now.minusSeconds(3600));
        assertThrows(IllegalStateException.class, () -> database.inTransaction(c -> {
            shops.markUninstalled(shop.id(), now);
            throw new IllegalStateException("the rest of the unit failed");
        }));
        Shop after = shops.find(domain).orElseThrow();
        assertTrue(after.installed());
        assertTrue(after.hasToken());
    }

    @Test
    void tokenColumnsAreReadAsStoredCiphertexts() {
        withToken(now);
        ShopStore.EncryptedTokens tokens = shops.tokens(domain).orElseThrow();
        assertEquals("v1.a", tokens.access());
        assertNull(tokens.refresh());
        assertFalse(shops.forgetTokens(domain, new ShopStore.EncryptedTokens("v1.other", null, null, null), now),
                "a compare-and-set against tokens no longer stored changes nothing");
        assertEquals("v1.a", shops.tokens(domain).orElseThrow().access());
        assertTrue(shops.forgetTokens(domain, tokens, now));
        assertNull(shops.tokens(domain).orElseThrow().access());
        assertTrue(shops.tokens(TestShops.unique("nobody")).isEmpty());
    }
}
