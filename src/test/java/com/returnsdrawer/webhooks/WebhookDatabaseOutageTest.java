package com.returnsdrawer.webhooks;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.support.Orders;
import com.returnsdrawer.support.Sql;
import com.returnsdrawer.support.TestDatabase;
import com.returnsdrawer.support.TestShops;
import com.returnsdrawer.support.WebhookDeliveryRequest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Shopify retries a 503; the app must answer it (not hang past Shopify's 5 s) and recover on its own. */
class WebhookDatabaseOutageTest {

    @Test
    void answers503WhileTheDatabaseIsGoneAndAppliesTheRetryOnceItIsBack() throws Exception {
        ShopDomain shop = TestShops.unique("outage");
        try (TestDatabase.Routed db = TestDatabase.throughProxy();
             EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, db.properties(), "test")) {
            Database database = server.getApplicationContext().getBean(Database.class);
            Instant t = Instant.now();
            assertEquals(200, WebhookDeliveryRequest.of("orders/create", shop, Orders.order(1, 10, t)).send(server.getURI()).statusCode());

            db.proxy().cut();
            var during = WebhookDeliveryRequest.of("orders/create", shop, Orders.order(2, 10, t));
            long started = System.nanoTime();
            assertEquals(503, during.send(server.getURI()).statusCode());
            long tookMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertEquals(true, tookMs < 5000, "answered within Shopify's timeout, took " + tookMs + " ms");

            db.proxy().restore();
            int status = 0;
            for (int attempt = 0; attempt < 50 && status != 200; attempt++) {
                status = during.send(server.getURI()).statusCode();
                if (status != 200) {
                    Thread.sleep(200);
                }
            }
            assertEquals(200, status);
            assertEquals(200, during.send(server.getURI()).statusCode(), "a further retry is a duplicate");
            assertEquals(1L, Sql.count(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = ?", during.id()));
            assertEquals(2L, Sql.count(database, "SELECT COUNT(*) FROM orders o JOIN shops s ON s.id = o.shop_id WHERE s.domain = ?", shop.value()));
        }
    }
}
