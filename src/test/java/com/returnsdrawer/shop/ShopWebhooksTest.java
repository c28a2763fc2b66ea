package com.returnsdrawer.shop;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.support.Json;
import com.returnsdrawer.support.Orders;
import com.returnsdrawer.support.Sql;
import com.returnsdrawer.support.TestShops;
import com.returnsdrawer.support.WebhookDeliveryRequest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The app lifecycle topics through {@code POST /webhooks}: uninstall, re-install, first sight, scopes. */
@MicronautTest(transactional = false)
class ShopWebhooksTest {


    @Inject
    EmbeddedServer server;
    @Inject
    Database database;
    @Inject
    ShopStore shops;

    private final ShopDomain shop = TestShops.unique("life");
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private int send(String topic, Object payload, Instant triggeredAt) {
        return WebhookDeliveryRequest.of(topic, shop, payload).triggeredAt(triggeredAt).send(server.getURI()).statusCode();
    }

    private int send(String topic, Object payload) {
        return send(topic, payload, Instant.now());
    }

    private Shop installedWithToken() {
        Shop s = shops.findOrCreate(shop, now.minusSeconds(3600));
        database.withConnection(c -> c.createStatement().executeUpdate(
                "UPDATE shops SET access_token = 'v1.x.y', refresh_token = 'v1.x.z', installed_at = '2020-01-01 00:00:00' WHERE id = " + s.id()));
        return shops.find(shop).orElseThrow();
    }

    private long orders(long customerId) {
        return Sql.count(database, "SELECT COUNT(*) FROM orders o JOIN shops s ON s.id = o.shop_id WHERE s.domain = ? AND o.customer_id = ?",
                shop.value(), customerId);
    }

    @Test
    void uninstallForgetsTokensAtOnceAndIsIdempotent() {
        assertTrue(installedWithToken().hasToken());
        Instant uninstalledAt = now.minusSeconds(60);
        assertEquals(200, send("app/uninstalled", Json.fixture("app_uninstalled.json"), uninstalledAt));
        Map<String, Object> row = Sql.one(database, "SELECT * FROM shops WHERE domain = ?", shop.value());
        assertFalse((Boolean) row.get("installed"));
        assertNull(row.get("access_token"));
        assertNull(row.get("refresh_token"));
        Object firstUninstall = row.get("uninstalled_at");
        assertNotNull(firstUninstall);

        assertEquals(200, send("app/uninstalled", Json.fixture("app_uninstalled.json"), now));
        assertEquals(firstUninstall, Sql.one(database, "SELECT uninstalled_at FROM shops WHERE domain = ?", shop.value()).get("uninstalled_at"));
    }

    @Test
    void orderDeliveriesAfterUninstallAreAcknowledgedButAppliedOnlyWhenTriggeredLater() {
        installedWithToken();
        Instant uninstalledAt = now.minusSeconds(60);
        assertEquals(200, send("app/uninstalled", Json.fixture("app_uninstalled.json"), uninstalledAt));

        var stale = WebhookDeliveryRequest.of("orders/updated", shop, Orders.order(111, 5150, now.minusSeconds(300)))
                .triggeredAt(uninstalledAt.minusSeconds(30));
        assertEquals(200, stale.send(server.getURI()).statusCode());
        assertEquals(0, orders(5150));
        assertEquals("ignored_uninstalled", Sql.one(database, "SELECT outcome FROM webhook_deliveries WHERE webhook_id = ?",
                stale.id()).get("outcome"));
        assertFalse(shops.find(shop).orElseThrow().installed());

        // Triggered after the uninstall: the merchant installed the app again.
        assertEquals(200, send("orders/updated", Orders.order(112, 5150, now), now));
        assertEquals(1, orders(5150));
        assertTrue(shops.find(shop).orElseThrow().installed());
    }

    @Test
    void aDeliveryWithoutTriggeredAtIsNeverTakenForAReinstall() {
        installedWithToken();
        assertEquals(200, send("app/uninstalled", Json.fixture("app_uninstalled.json"), now.minusSeconds(60)));

        var undated = WebhookDeliveryRequest.of("orders/updated", shop, Orders.order(121, 5160, now)).triggeredAt(null);
        assertEquals(200, undated.send(server.getURI()).statusCode());
        assertEquals(0, orders(5160));
        assertFalse(shops.find(shop).orElseThrow().installed());
        Map<String, Object> recorded = Sql.one(database, "SELECT outcome, triggered_at FROM webhook_deliveries WHERE webhook_id = ?",
                undated.id());
        assertEquals("ignored_uninstalled", recorded.get("outcome"));
        assertNull(recorded.get("triggered_at"), "an unknown trigger time is recorded as unknown");
    }

    @Test
    void deliveryForAShopNotSeenBeforeRecordsItInstalledWithoutAToken() {
        assertEquals(200, send("orders/create", Orders.order(113, 5151, now)));
        Shop recorded = shops.find(shop).orElseThrow();
        assertTrue(recorded.installed());
        assertFalse(recorded.hasToken());
        assertEquals(1, orders(5151));
    }

    @Test
    void scopesUpdateRecordsTheGrantedScopes() {
        shops.findOrCreate(shop, now);
        assertEquals(200, send("app/scopes_update", Map.of("id", 1, "previous", List.of("read_orders"),
                "current", List.of("read_orders", "write_app_proxy"), "updated_at", now.toString())));
        assertEquals("read_orders,write_app_proxy", shops.find(shop).orElseThrow().scopes());
    }
}
