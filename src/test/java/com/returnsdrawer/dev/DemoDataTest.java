package com.returnsdrawer.dev;

import com.returnsdrawer.orders.OrderReader;
import com.returnsdrawer.orders.OrderSummary;
import com.returnsdrawer.settings.ReturnsSettings;
import com.returnsdrawer.settings.SettingsRepository;
import com.returnsdrawer.shop.Shop;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.support.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoDataTest {

    @Test
    void devEnvironmentSeedsTheDemoShopOnceWithOrdersAndLoopSettings() {
        Map<String, Object> props = TestDatabase.properties();
        for (int start = 0; start < 2; start++) {
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props, "test", "dev")) {
                var ctx = server.getApplicationContext();
                Shop shop = ctx.getBean(ShopStore.class).find(DemoData.DEMO_SHOP).orElseThrow();
                List<OrderSummary> orders = ctx.getBean(com.returnsdrawer.db.Database.class).withConnection(
                        c -> ctx.getBean(OrderReader.class).allOf(c, shop.id(), DemoData.DEMO_CUSTOMER, List.of()));
                assertEquals(5, orders.size(), "seeded once, not once per start");
                Set<String> statuses = orders.stream().map(o -> o.displayStatus().code()).collect(Collectors.toSet());
                assertTrue(statuses.containsAll(Set.of("delivered", "in_transit", "cancelled", "unfulfilled")), statuses.toString());
                long withReturns = ctx.getBean(OrderReader.class).details(orders.stream().map(OrderSummary::pk).toList())
                        .values().stream().filter(d -> !d.returns().isEmpty()).count();
                assertEquals(1, withReturns, "one order shows a return in progress");
                ReturnsSettings settings = ctx.getBean(SettingsRepository.class).findById(shop.id()).orElseThrow();
                assertEquals("loop", settings.provider());
                assertTrue(settings.enabled());
            }
        }
    }

    @Test
    void devRoutesAnswer404OutsideDev() {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, TestDatabase.properties(), "test");
             HttpClient client = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
            for (String path : List.of("/dev/storefront", "/dev/admin", "/dev/anything")) {
                HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                        () -> client.toBlocking().exchange(HttpRequest.GET(path), String.class));
                assertEquals(404, e.getStatus().getCode(), path);
            }
        }
    }
}
