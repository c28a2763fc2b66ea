package com.returnsdrawer.settings;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.orders.ReturnTrigger;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.support.Sql;
import com.returnsdrawer.support.TestShops;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

@MicronautTest(startApplication = false, transactional = false)
class SettingsStoreTest {

    @Inject
    SettingsStore store;
    @Inject
    ShopStore shops;
    @Inject
    Database database;

    private long shopId;

    @BeforeEach
    void shop() {
        shopId = shops.findOrCreate(TestShops.unique("store"), Instant.now()).id();
    }

    private static SettingsInput input(String provider, ReturnTrigger trigger, Integer window) {
        return new SettingsInput(provider, "https://acme.loopreturns.com/#/", true, trigger, window, "help@acme.example", null,
                SettingsInput.ApiKeyChange.KEEP);
    }

    @Test
    void aShopThatNeverSavedGetsTheDefaultsAndNoRow() {
        ReturnsSettings settings = store.get(shopId);
        assertFalse(settings.enabled());
        assertNull(settings.provider());
        assertEquals(ReturnTrigger.DELIVERED, settings.returnTrigger());
        assertFalse(settings.policy().active());
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM settings WHERE shop_id = ?", shopId));
    }

    @Test
    void savesTheTriggerAsItsLowerCaseCodeAndReadsItBackTyped() {
        ReturnsSettings saved = store.save(shopId, input("loop", ReturnTrigger.FULFILLED, 30));
        assertEquals(ReturnTrigger.FULFILLED, saved.returnTrigger());
        assertNotNull(saved.updatedAt());
        assertEquals("fulfilled", Sql.one(database, "SELECT return_trigger FROM settings WHERE shop_id = ?", shopId)
                .get("return_trigger"));
        ReturnsSettings read = store.get(shopId);
        assertEquals(saved, read);
        assertEquals(ReturnTrigger.FULFILLED, read.policy().trigger());
        assertEquals(30, read.policy().windowDays());
    }

    @Test
    void aSecondSaveReplacesTheMerchantsFieldsAndKeepsTheProviderKey() {
        store.save(shopId, input("loop", ReturnTrigger.DELIVERED, 30));
        database.inTransaction(c -> c.createStatement().executeUpdate(
                "UPDATE settings SET provider_api_key = 'ciphertext' WHERE shop_id = " + shopId));
        ReturnsSettings saved = store.save(shopId, input("loop", ReturnTrigger.FULFILLED, null));
        assertEquals(ReturnTrigger.FULFILLED, saved.returnTrigger());
        assertNull(saved.returnWindowDays());
        assertEquals("ciphertext", saved.providerApiKey());
        Map<String, Object> row = Sql.one(database, "SELECT COUNT(*) AS n, MAX(provider) AS provider FROM settings WHERE shop_id = ?", shopId);
        assertEquals(1L, ((Number) row.get("n")).longValue());
        assertEquals("loop", row.get("provider"));
    }

    @Test
    void anotherProviderDropsTheProviderKey() {
        store.save(shopId, input("loop", ReturnTrigger.DELIVERED, 30));
        database.inTransaction(c -> c.createStatement().executeUpdate(
                "UPDATE settings SET provider_api_key = 'ciphertext' WHERE shop_id = " + shopId));
        ReturnsSettings saved = store.save(shopId, input("narvar", ReturnTrigger.DELIVERED, null));
        assertEquals("narvar", saved.provider());
        assertNull(saved.providerApiKey());
        assertNull(Sql.one(database, "SELECT provider_api_key FROM settings WHERE shop_id = ?", shopId).get("provider_api_key"));
    }

    @Test
    void aTriggerThisVersionDoesNotKnowReadsAsDelivery() {
        store.save(shopId, input("loop", ReturnTrigger.FULFILLED, null));
        database.inTransaction(c -> c.createStatement().executeUpdate(
                "UPDATE settings SET return_trigger = 'returned' WHERE shop_id = " + shopId));
        assertEquals(ReturnTrigger.DELIVERED, store.get(shopId).returnTrigger());
    }
}
