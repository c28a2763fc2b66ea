package com.returnsdrawer.compliance;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shop.Shop;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.WebhookDelivery;
import com.returnsdrawer.support.Orders;
import com.returnsdrawer.support.Sql;
import com.returnsdrawer.support.TestShops;
import com.returnsdrawer.support.WebhookDeliveryRequest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A compliance delivery is one unit of work: whichever owner wrote, a failure leaves nothing behind. */
@MicronautTest(transactional = false)
class ComplianceWebhooksTest {

    @Inject
    EmbeddedServer server;
    @Inject
    Database database;
    @Inject
    ShopStore shops;
    @Inject
    ComplianceStore store;
    @Inject
    ComplianceWebhooks.CustomersRedact customersRedact;
    @Inject
    ComplianceWebhooks.ShopRedact shopRedact;

    private final ShopDomain domain = TestShops.unique("unit");
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private Shop shop;
    private String orderWebhookId;

    @BeforeEach
    void anOrderAClickAndARequest() {
        var order = WebhookDeliveryRequest.of("orders/create", domain, Orders.order(901, 9001, now));
        orderWebhookId = order.id();
        assertEquals(200, order.send(server.getURI()).statusCode());
        shop = shops.find(domain).orElseThrow();
        database.withConnection(c -> c.createStatement().executeUpdate(
                "INSERT INTO return_clicks (shop_id, order_id, customer_id, provider, clicked_at) VALUES ("
                        + shop.id() + ", 901, 9001, 'loop', '2026-11-01 00:00:00')"));
        store.record(domain, ComplianceKind.CUSTOMERS_DATA_REQUEST, "1", 9001L, now, "{}");
    }

    private WebhookDelivery delivery(String topic) {
        return new WebhookDelivery(shop.id(), domain, topic, "unit-" + topic + "-" + now.toEpochMilli(), now, now);
    }

    private void assertNothingChanged() {
        assertEquals(1L, Sql.count(database,
                "SELECT COUNT(*) FROM orders WHERE shop_id = ? AND order_id = 901 AND email IS NOT NULL", shop.id()));
        assertEquals(1L, Sql.count(database, "SELECT COUNT(*) FROM drawer_orders WHERE shop_id = ?", shop.id()));
        assertEquals(1L, Sql.count(database, "SELECT COUNT(*) FROM return_clicks WHERE shop_id = ?", shop.id()));
        assertEquals(List.of(ComplianceKind.CUSTOMERS_DATA_REQUEST),
                store.list(domain).stream().map(ComplianceStore.Request::kind).toList());
        assertEquals(1L, Sql.count(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = ?", orderWebhookId));
        assertTrue(shops.find(domain).isPresent());
    }

    @Test
    void aFailedCustomersRedactLeavesTheOrdersClicksAndRequestsAsTheyWere() {
        var payload = new ComplianceWebhooks.CustomerPayload(new ComplianceWebhooks.Customer(9001L), null, List.of(901L), null);
        assertThrows(IllegalStateException.class, () -> database.inTransaction(c -> {
            customersRedact.apply(c, delivery("customers/redact"), payload);
            throw new IllegalStateException("the delivery's record could not be written");
        }));
        assertNothingChanged();

        database.inTransaction(c -> {
            customersRedact.apply(c, delivery("customers/redact"), payload);
            return null;
        });
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM return_clicks WHERE shop_id = ?", shop.id()));
        assertEquals(2, store.list(domain).size(), "the same unit, committed, does redact");
    }

    @Test
    void aFailedShopRedactLeavesTheShopAndEverythingItHoldsAsItWas() {
        assertThrows(IllegalStateException.class, () -> database.inTransaction(c -> {
            shopRedact.apply(c, delivery("shop/redact"), Boolean.TRUE);
            throw new IllegalStateException("the delivery's record could not be written");
        }));
        assertNothingChanged();

        database.inTransaction(c -> {
            shopRedact.apply(c, delivery("shop/redact"), Boolean.TRUE);
            return null;
        });
        assertTrue(shops.find(domain).isEmpty());
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = ?", orderWebhookId));
        assertEquals(List.of(ComplianceKind.SHOP_REDACT), store.list(domain).stream().map(ComplianceStore.Request::kind).toList());
    }
}
