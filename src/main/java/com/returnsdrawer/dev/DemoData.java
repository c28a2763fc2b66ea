package com.returnsdrawer.dev;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.orders.FulfillmentSnapshot;
import com.returnsdrawer.orders.OrderReturns;
import com.returnsdrawer.orders.OrderSnapshot;
import com.returnsdrawer.orders.OrderWriter;
import com.returnsdrawer.orders.ReturnStatus;
import com.returnsdrawer.orders.ReturnTrigger;
import com.returnsdrawer.settings.ReturnsSettings;
import com.returnsdrawer.settings.SettingsStore;
import com.returnsdrawer.shop.Shop;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.ShopifyConfig;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Seeds the demo shop once (orders of customer 1001: delivered, in transit, cancelled, unfulfilled; a return
 * in progress on #1002; a Loop setting) and prints the local URLs. Goes through the same writers as webhooks and the admin API.
 */
@Singleton
@Requires(env = "dev")
class DemoData implements ApplicationEventListener<ServerStartupEvent> {

    static final ShopDomain DEMO_SHOP = new ShopDomain("demo-shop.myshopify.com");
    static final long DEMO_CUSTOMER = 1001L;

    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

    private final Database database;
    private final ShopStore shops;
    private final OrderWriter orders;
    private final OrderReturns returns;
    private final SettingsStore settings;
    private final ShopifyConfig config;

    DemoData(Database database, ShopStore shops, OrderWriter orders, OrderReturns returns, SettingsStore settings,
             ShopifyConfig config) {
        this.database = database;
        this.shops = shops;
        this.orders = orders;
        this.returns = returns;
        this.settings = settings;
        this.config = config;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (shops.find(DEMO_SHOP).isEmpty()) {
            seed(Instant.now().truncatedTo(ChronoUnit.SECONDS));
            LOG.info("dev: seeded demo shop {} with orders of customer {}", DEMO_SHOP, DEMO_CUSTOMER);
        }
        String base = config.appBaseUrl();
        LOG.info("dev: storefront with the drawer  {}/dev/storefront", base);
        LOG.info("dev: embedded admin page         {}/dev/admin", base);
    }

    void seed(Instant now) {
        Shop shop = shops.findOrCreate(DEMO_SHOP, now);
        database.inTransaction(c -> {
            for (OrderSnapshot order : demoOrders(now)) {
                orders.apply(c, shop.id(), order, now);
            }
            returns.write(c, List.of(new OrderReturns.Stated(shop.id(), 8_000_000_000_000_000_001L,
                    5_000_000_000_000_000_000L + 1002, ReturnStatus.OPEN, now)));
            return null;
        });
        settings.saveIfNone(new ReturnsSettings(shop.id(), "loop", "https://demo-shop.loopreturns.com/#/", true,
                ReturnTrigger.DELIVERED, 30, "help@demo-shop.example", null, null,
                LocalDateTime.ofInstant(now, ZoneOffset.UTC)));
    }

    static List<OrderSnapshot> demoOrders(Instant now) {
        Instant d10 = now.minus(Duration.ofDays(10));
        Instant d6 = now.minus(Duration.ofDays(6));
        Instant d3 = now.minus(Duration.ofDays(3));
        Instant d1 = now.minus(Duration.ofDays(1));
        return List.of(
                order(1001, "#1001", d10, now.minus(Duration.ofDays(7)), null, "paid", "fulfilled", "129.00",
                        List.of(item(1, "Merino wool sweater", "M / Navy", 1, "89.00", 40001L),
                                item(2, "Cotton socks (3 pack)", "One size", 2, "20.00", 40002L)),
                        List.of(fulfillment(9001, 1001, d10.plus(Duration.ofDays(1)), now.minus(Duration.ofDays(7)),
                                "delivered", "UPS", "1Z999AA10123456784"))),
                order(1002, "#1002", d6, now.minus(Duration.ofDays(2)), null, "paid", "fulfilled", "64.50",
                        List.of(item(3, "Canvas tote bag", "Natural", 1, "64.50", 40003L)),
                        List.of(fulfillment(9002, 1002, d6.plus(Duration.ofDays(1)), now.minus(Duration.ofDays(2)),
                                "delivered", "DHL Express", "JD014600006281230"))),
                order(1003, "#1003", d3, d1, null, "paid", "fulfilled", "240.00",
                        List.of(item(4, "Trail running shoes", "EU 42", 1, "240.00", 40004L)),
                        List.of(fulfillment(9003, 1003, d3.plus(Duration.ofHours(20)), d1,
                                "in_transit", "FedEx", "794644790138"))),
                order(1004, "#1004", d6.minus(Duration.ofDays(2)), d6, d6, "refunded", null, "35.00",
                        List.of(item(5, "Leather card holder", "Black", 1, "35.00", 40005L)), List.of()),
                order(1005, "#1005", now.minus(Duration.ofHours(5)), now.minus(Duration.ofHours(5)), null, "paid", null,
                        "18.00", List.of(item(6, "Beeswax candle", null, 2, "9.00", 40006L)), List.of()));
    }

    private static OrderSnapshot order(long n, String name, Instant created, Instant updated, Instant cancelled,
                                       String financial, String fulfillment, String total,
                                       List<OrderSnapshot.LineItem> items, List<FulfillmentSnapshot> fulfillments) {
        return new OrderSnapshot(5_000_000_000_000_000_000L + n, DEMO_CUSTOMER, name, n, "shopper@example.com", "10115",
                "en", financial, fulfillment, total, "EUR", created, updated, cancelled, items, fulfillments);
    }

    private static OrderSnapshot.LineItem item(long id, String title, String variant, int qty, String price, Long variantId) {
        return new OrderSnapshot.LineItem(7_000_000_000_000_000_000L + id, title, variant, qty, price, variantId,
                variantId == null ? null : variantId + 100_000, null);
    }

    private static FulfillmentSnapshot fulfillment(long id, long order, Instant created, Instant updated, String shipment,
                                                   String company, String number) {
        return new FulfillmentSnapshot(6_000_000_000_000_000_000L + id, 5_000_000_000_000_000_000L + order, "success",
                shipment, List.of(new FulfillmentSnapshot.Tracking(company, number, null)), created, updated, null);
    }
}
