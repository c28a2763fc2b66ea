package com.returnsdrawer.orders;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shop.Shop;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.support.DrawerList;
import com.returnsdrawer.support.Sql;
import com.returnsdrawer.support.TestShops;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rows {@link OrderWriter} leaves behind, read straight from the database, with the drawer's list in step. */
@MicronautTest(startApplication = false, transactional = false)
class OrderWriterTest {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(10));
    private static final long CUSTOMER = 501L;

    @Inject
    OrderWriter writer;
    @Inject
    OrderReader reader;
    @Inject
    Database database;
    @Inject
    ShopStore shops;

    private Shop shop;

    @BeforeEach
    void shop() {
        shop = shops.findOrCreate(TestShops.unique("writer"), Instant.now());
    }

    private static Instant at(int hours) {
        return T0.plus(Duration.ofHours(hours));
    }

    private static OrderSnapshot.LineItem item(long id, String title, int quantity) {
        return new OrderSnapshot.LineItem(id, title, null, quantity, "10.00", 70L + id, 80L + id, null);
    }

    private static FulfillmentSnapshot fulfillment(long id, long orderId, String shipment, Instant updated) {
        return new FulfillmentSnapshot(id, orderId, "success", shipment,
                List.of(new FulfillmentSnapshot.Tracking("UPS", "1Z" + id, null)), at(1), updated, null);
    }

    private static OrderSnapshot order(long orderId, Long customer, String name, Instant updated,
                                       List<OrderSnapshot.LineItem> items, List<FulfillmentSnapshot> fulfillments) {
        return new OrderSnapshot(orderId, customer, name, 1001L, "a@example.com", "10115", "en", "paid",
                fulfillments.isEmpty() ? null : "fulfilled", "20.00", "EUR", at(0), updated, null, items, fulfillments);
    }

    private OrderWriter.Outcome apply(OrderSnapshot order) {
        return database.inTransaction(c -> writer.apply(c, shop.id(), order, Instant.now()));
    }

    private Map<String, Object> row(long orderId) {
        return Sql.one(database, "SELECT * FROM orders WHERE shop_id = ? AND order_id = ?", shop.id(), orderId);
    }

    private OrderSummary summary(long orderId) {
        return reader.findInShop(shop.id(), orderId).orElseThrow();
    }

    private OrderDetail detail(long orderId) {
        long pk = ((Number) row(orderId).get("id")).longValue();
        return reader.details(List.of(pk)).get(pk);
    }

    @Test
    void storesANewOrderWithItsItemsAndFulfillmentsAndListsItForItsCustomer() {
        assertEquals(OrderWriter.Outcome.APPLIED, apply(order(1, CUSTOMER, "#1", at(2),
                List.of(item(11, "Mug", 2), item(12, "Cup", 1)), List.of(fulfillment(21, 1, "in_transit", at(2))))));
        OrderSummary stored = summary(1);
        assertEquals("#1", stored.name());
        assertEquals(3, stored.itemCount());
        assertEquals(DisplayStatus.IN_TRANSIT, stored.displayStatus());
        assertEquals(at(1), stored.fulfilledAt());
        assertNull(stored.deliveredAt());
        assertEquals("in_transit", row(1).get("display_status"));
        OrderDetail detail = detail(1);
        assertEquals(List.of("Mug", "Cup"), detail.lineItems().stream().map(OrderSnapshot.LineItem::title).toList());
        assertEquals(List.of(new FulfillmentSnapshot.Tracking("UPS", "1Z21", null)), detail.fulfillments().get(0).tracking());
        assertEquals(List.of(1L), DrawerList.orderIds(database, shop.id(), CUSTOMER));
        DrawerList.assertInStep(database, shop.id());
    }

    @Test
    void anOlderSnapshotIsSkippedAndChangesNothing() {
        apply(order(2, CUSTOMER, "#new", at(5), List.of(item(11, "Mug", 1)), List.of()));
        assertEquals(OrderWriter.Outcome.STALE, apply(order(2, CUSTOMER, "#old", at(4), List.of(item(11, "Old", 9)), List.of())));
        assertEquals("#new", summary(2).name());
        assertEquals(List.of("Mug"), detail(2).lineItems().stream().map(OrderSnapshot.LineItem::title).toList());
        DrawerList.assertInStep(database, shop.id());
    }

    @Test
    void aNewerFulfillmentWinsAnOlderOneIsIgnoredAndDeliveryIsDatedWhenFirstSeen() {
        apply(order(3, CUSTOMER, "#3", at(2), List.of(item(11, "Mug", 1)), List.of(fulfillment(31, 3, "in_transit", at(2)))));
        assertEquals(OrderWriter.Outcome.APPLIED, database.inTransaction(c ->
                writer.applyFulfillment(c, shop.id(), fulfillment(31, 3, "delivered", at(6)), Instant.now())));
        database.inTransaction(c -> writer.applyFulfillment(c, shop.id(), fulfillment(31, 3, "out_for_delivery", at(4)), Instant.now()));
        OrderSummary stored = summary(3);
        assertEquals(DisplayStatus.DELIVERED, stored.displayStatus());
        assertEquals(at(6), stored.deliveredAt());
        assertEquals("delivered", detail(3).fulfillments().get(0).shipmentStatus());

        // A later order snapshot that still carries the old fulfillment state does not undo the delivery.
        apply(order(3, CUSTOMER, "#3", at(7), List.of(item(11, "Mug", 1)), List.of(fulfillment(31, 3, "in_transit", at(2)))));
        assertEquals(DisplayStatus.DELIVERED, summary(3).displayStatus());
        assertEquals(at(6), summary(3).deliveredAt());
        DrawerList.assertInStep(database, shop.id());
    }

    @Test
    void aFulfillmentBeforeItsOrderLeavesAPlaceholderTheOrderThenFillsIn() {
        database.inTransaction(c -> writer.applyFulfillment(c, shop.id(), fulfillment(41, 4, "delivered", at(3)), Instant.now()));
        assertNull(row(4).get("customer_id"));
        assertTrue(DrawerList.orderIds(database, shop.id(), CUSTOMER).isEmpty());
        apply(order(4, CUSTOMER, "#4", at(2), List.of(item(11, "Mug", 1)), List.of()));
        assertEquals(DisplayStatus.DELIVERED, summary(4).displayStatus());
        assertEquals(at(3), summary(4).deliveredAt());
        DrawerList.assertInStep(database, shop.id());
    }

    @Test
    void lineItemsAreRewrittenOnlyWhenTheyChanged() {
        apply(order(5, CUSTOMER, "#5", at(1), List.of(item(11, "Mug", 1), item(12, "Cup", 1)), List.of()));
        long pk = ((Number) row(5).get("id")).longValue();
        // A marker no payload would write: it stays as long as the items are not rewritten.
        database.inTransaction(c -> c.createStatement().executeUpdate(
                "UPDATE order_line_items SET title = 'untouched' WHERE order_pk = " + pk));
        apply(order(5, CUSTOMER, "#5 renamed", at(2), List.of(item(11, "Mug", 1), item(12, "Cup", 1)), List.of()));
        assertEquals(List.of("untouched", "untouched"), detail(5).lineItems().stream().map(OrderSnapshot.LineItem::title).toList());
        assertEquals("#5 renamed", summary(5).name());

        apply(order(5, CUSTOMER, "#5", at(3), List.of(item(12, "Cup", 3)), List.of()));
        assertEquals(List.of(item(12, "Cup", 3)), detail(5).lineItems());
        assertEquals(3, summary(5).itemCount());
    }

    @Test
    void twoSnapshotsOfOneOrderInOneCallAreAppliedInTurn() {
        List<OrderWriter.Outcome> outcomes = database.inTransaction(c -> writer.applyAll(c, shop.id(), List.of(
                order(6, CUSTOMER, "#6 first", at(2), List.of(item(11, "Mug", 1)), List.of()),
                order(7, CUSTOMER, "#7", at(2), List.of(), List.of()),
                order(6, CUSTOMER, "#6 older", at(1), List.of(), List.of()),
                order(6, CUSTOMER, "#6 last", at(3), List.of(item(11, "Mug", 2)), List.of())), Instant.now()));
        assertEquals(List.of(OrderWriter.Outcome.APPLIED, OrderWriter.Outcome.APPLIED, OrderWriter.Outcome.STALE,
                OrderWriter.Outcome.APPLIED), outcomes);
        assertEquals("#6 last", summary(6).name());
        assertEquals(2, summary(6).itemCount());
        DrawerList.assertInStep(database, shop.id());
    }

    @Test
    void anOrderMovesOnTheListWithItsCustomerAndLeavesItWithoutOne() {
        apply(order(8, CUSTOMER, "#8", at(1), List.of(), List.of()));
        apply(order(8, CUSTOMER + 1, "#8", at(2), List.of(), List.of()));
        assertTrue(DrawerList.orderIds(database, shop.id(), CUSTOMER).isEmpty());
        assertEquals(List.of(8L), DrawerList.orderIds(database, shop.id(), CUSTOMER + 1));
        apply(order(8, null, "#8", at(3), List.of(), List.of()));
        assertTrue(DrawerList.orderIds(database, shop.id(), CUSTOMER + 1).isEmpty());
        DrawerList.assertInStep(database, shop.id());
    }

    @Test
    void aDeletedOrderBecomesATombstoneThatNoLaterSnapshotBringsBack() {
        apply(order(9, CUSTOMER, "#9", at(1), List.of(item(11, "Mug", 1)), List.of(fulfillment(91, 9, "delivered", at(1)))));
        long pk = ((Number) row(9).get("id")).longValue();
        assertEquals(OrderWriter.Outcome.APPLIED, database.inTransaction(c -> writer.delete(c, shop.id(), 9, Instant.now())));
        Map<String, Object> tomb = row(9);
        assertNotNull(tomb.get("deleted_at"));
        for (String column : List.of("customer_id", "name", "email", "zip", "locale", "total_price", "image_url")) {
            assertNull(tomb.get(column), column);
        }
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM order_line_items WHERE order_pk = ?", pk));
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM fulfillments WHERE order_pk = ?", pk));

        assertEquals(OrderWriter.Outcome.DELETED, apply(order(9, CUSTOMER, "#9", at(9), List.of(item(11, "Mug", 1)), List.of())));
        assertEquals(OrderWriter.Outcome.DELETED, database.inTransaction(c ->
                writer.applyFulfillment(c, shop.id(), fulfillment(91, 9, "delivered", at(9)), Instant.now())));
        assertNull(row(9).get("customer_id"));
        assertTrue(reader.findInShop(shop.id(), 9).isEmpty());
        DrawerList.assertInStep(database, shop.id());
    }

    @Test
    void forgettingACustomerTombstonesTheirOrdersAndTheNamedOnesOnly() {
        apply(order(10, CUSTOMER, "#10", at(1), List.of(item(11, "Mug", 1)), List.of(fulfillment(101, 10, null, at(1)))));
        apply(order(11, CUSTOMER, "#11", at(1), List.of(), List.of()));
        apply(order(12, CUSTOMER + 1, "#12", at(1), List.of(), List.of()));
        apply(order(13, CUSTOMER + 2, "#13", at(1), List.of(item(11, "Mug", 1)), List.of()));
        int forgotten = database.inTransaction(c -> writer.forgetCustomer(c, shop.id(), CUSTOMER, List.of(12L), Instant.now()));
        assertEquals(3, forgotten);
        for (long id : List.of(10L, 11L, 12L)) {
            assertNull(row(id).get("email"));
            assertNotNull(row(id).get("deleted_at"));
        }
        assertEquals("#13", summary(13).name());
        assertEquals(1, detail(13).lineItems().size());
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM order_line_items i JOIN orders o ON o.id = i.order_pk"
                + " WHERE o.shop_id = ? AND o.order_id IN (10, 11, 12)", shop.id()));
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM fulfillments f JOIN orders o ON o.id = f.order_pk"
                + " WHERE o.shop_id = ? AND o.order_id = 10", shop.id()));
        assertEquals(List.of(13L), DrawerList.orderIds(database, shop.id(), CUSTOMER + 2));
        DrawerList.assertInStep(database, shop.id());
    }

    @Test
    void aFailedUnitLeavesNothingBehind() {
        try {
            database.inTransaction(c -> {
                writer.apply(c, shop.id(), order(14, CUSTOMER, "#14", at(1), List.of(item(11, "Mug", 1)), List.of()), Instant.now());
                throw new IllegalStateException("the unit fails after the write");
            });
        } catch (RuntimeException expected) {
            // the unit is rolled back
        }
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM orders WHERE shop_id = ?", shop.id()));
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM drawer_orders WHERE shop_id = ?", shop.id()));
    }
}
