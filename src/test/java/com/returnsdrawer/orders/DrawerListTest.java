package com.returnsdrawer.orders;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shop.Shop;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.support.TestShops;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The drawer's reads, with a shop side of the test's own: what each read returns, by label, for whom. */
@MicronautTest(startApplication = false, transactional = false)
class DrawerListTest {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(30));

    /** The shop's id and domain, under labels of their own. */
    record ShopSide(long id, String domain) {
    }

    private static final DrawerShop<ShopSide> SHOP = new DrawerShop<>() {
        @Override
        public String from() {
            return "shops s";
        }

        @Override
        public String columns() {
            return "s.id AS shop_id, s.domain AS shop_domain";
        }

        @Override
        public ShopSide read(com.returnsdrawer.db.Row rs) throws SQLException {
            return new ShopSide(rs.getLong("shop_id"), rs.getString("shop_domain"));
        }
    };

    @Inject
    DrawerList drawer;
    @Inject
    OrderWriter writer;
    @Inject
    ShopStore shops;
    @Inject
    Database database;

    private Shop shop;
    private DrawerList.Reads<ShopSide> reads;

    @BeforeEach
    void seed() {
        shop = shops.findOrCreate(TestShops.unique("drawer"), Instant.now());
        reads = drawer.reads(SHOP);
        database.inTransaction(c -> writer.applyAll(c, shop.id(), List.of(
                order(1, 700L, 3), order(2, 700L, 1), order(3, 700L, 2), order(4, 701L, 4)), Instant.now()));
    }

    private static OrderSnapshot order(long orderId, long customer, int day) {
        return new OrderSnapshot(orderId, customer, "#" + orderId, orderId, "c" + customer + "@example.com", "10115",
                "de", "paid", null, "5.00", "EUR", T0.plus(Duration.ofDays(day)), T0.plus(Duration.ofDays(day)), null,
                List.of(new OrderSnapshot.LineItem(orderId * 10, "Mug", null, 2, "2.50", null, null, "https://cdn/m.png")),
                List.of());
    }

    @Test
    void aPageIsTheCustomersOrdersNewestFirstWithTheShopButNotTheirContactDetails() {
        DrawerList.Page<ShopSide> page = reads.page(shop.domain(), 700L, 2, 0);
        assertEquals(Optional.of(new ShopSide(shop.id(), shop.domain().value())), page.shop());
        assertEquals(List.of(1L, 3L), page.orders().stream().map(OrderSummary::orderId).toList());
        OrderSummary first = page.orders().get(0);
        assertEquals("#1", first.name());
        assertEquals(2, first.itemCount());
        assertEquals("https://cdn/m.png", first.imageUrl());
        assertEquals(DisplayStatus.UNFULFILLED, first.displayStatus());
        assertEquals(T0.plus(Duration.ofDays(3)), first.createdAt());
        assertNull(first.email());
        assertEquals(List.of(2L), reads.page(shop.domain(), 700L, 2, 2).orders().stream().map(OrderSummary::orderId).toList());
    }

    @Test
    void aGuestAPagePastTheEndAndAnUnknownShopGetNoOrders() {
        assertEquals(Optional.of(shop.id()), reads.page(shop.domain(), null, 20, 0).shop().map(ShopSide::id));
        DrawerList.Page<ShopSide> past = reads.page(shop.domain(), 700L, 20, 40);
        assertEquals(Optional.of(shop.id()), past.shop().map(ShopSide::id));
        assertTrue(past.orders().isEmpty());
        DrawerList.Page<ShopSide> unknown = reads.page(TestShops.unique("unknown"), 700L, 20, 0);
        assertTrue(unknown.shop().isEmpty() && unknown.orders().isEmpty());
    }

    @Test
    void oneOrderIsReadWithWhatAReturnLinkNeedsOnlyForItsOwnCustomer() {
        DrawerList.One<ShopSide> own = reads.one(shop.domain(), 701L, 4);
        assertEquals("c701@example.com", own.order().email());
        assertEquals("10115", own.order().zip());
        assertEquals("de", own.order().locale());
        DrawerList.One<ShopSide> other = reads.one(shop.domain(), 700L, 4);
        assertEquals(Optional.of(shop.id()), other.shop().map(ShopSide::id));
        assertNull(other.order());
        assertNull(reads.one(shop.domain(), null, 4).order());
        ShopDomain unknown = TestShops.unique("unknown");
        assertTrue(reads.one(unknown, 701L, 4).shop().isEmpty());
    }
}
