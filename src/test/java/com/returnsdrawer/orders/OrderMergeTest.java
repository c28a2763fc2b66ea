package com.returnsdrawer.orders;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderMergeTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant NOW = T0.plus(Duration.ofDays(3));

    private static Instant at(int hours) {
        return T0.plus(Duration.ofHours(hours));
    }

    private static FulfillmentSnapshot f(long id, String status, String shipment, Instant created, Instant updated,
                                         Instant deliveredAt) {
        return new FulfillmentSnapshot(id, 1L, status, shipment, List.of(), created, updated, deliveredAt);
    }

    @Test
    void aTombstonedOrderNeverComesBackWhateverTheSnapshotsTime() {
        assertEquals(OrderWriter.Outcome.DELETED, OrderMerge.admit(true, at(0), at(5)));
        assertEquals(OrderWriter.Outcome.DELETED, OrderMerge.admit(true, null, null));
    }

    @Test
    void aSnapshotOlderThanTheStoredOneIsStaleAndAnEqualOrNewerOneApplies() {
        assertEquals(OrderWriter.Outcome.STALE, OrderMerge.admit(false, at(2), at(1)));
        assertEquals(OrderWriter.Outcome.APPLIED, OrderMerge.admit(false, at(2), at(2)));
        assertEquals(OrderWriter.Outcome.APPLIED, OrderMerge.admit(false, at(2), at(3)));
    }

    @Test
    void anUnknownTimeOnEitherSideIsNeverStale() {
        assertEquals(OrderWriter.Outcome.APPLIED, OrderMerge.admit(false, null, at(1)));
        assertEquals(OrderWriter.Outcome.APPLIED, OrderMerge.admit(false, at(1), null));
        assertFalse(OrderMerge.isStale(null, null));
    }

    @Test
    void theNewerFulfillmentSnapshotWinsAndAnOlderOneIsIgnored() {
        FulfillmentSnapshot stored = f(7, "success", "in_transit", at(0), at(2), null);
        OrderMerge.Fulfillments older = OrderMerge.mergeFulfillments(Map.of(7L, stored),
                List.of(f(7, "success", "confirmed", at(0), at(1), null)), NOW);
        assertEquals(List.of(stored), older.all());
        assertTrue(older.inserts().isEmpty() && older.updates().isEmpty());

        FulfillmentSnapshot newer = f(7, "success", "out_for_delivery", at(0), at(3), null);
        OrderMerge.Fulfillments merged = OrderMerge.mergeFulfillments(Map.of(7L, stored), List.of(newer), NOW);
        assertEquals(List.of(newer), merged.all());
        assertEquals(List.of(newer), merged.updates());
        assertTrue(merged.inserts().isEmpty());
    }

    @Test
    void aNewFulfillmentIsInsertedBesideTheStoredOnesAndAnUnchangedOneIsNotRewritten() {
        FulfillmentSnapshot stored = f(7, "success", "in_transit", at(0), at(2), null);
        FulfillmentSnapshot added = f(8, "success", null, at(4), at(4), null);
        OrderMerge.Fulfillments merged = OrderMerge.mergeFulfillments(Map.of(7L, stored), List.of(stored, added), NOW);
        assertEquals(List.of(stored, added), merged.all());
        assertEquals(List.of(added), merged.inserts());
        assertTrue(merged.updates().isEmpty());
    }

    @Test
    void aWebhookShowingDeliveryIsDeliveredAtItsUpdateTimeAndAnImportAtShopifysDeliveryTime() {
        assertEquals(at(5), OrderMerge.deliveredAt(f(1, "success", "delivered", at(0), at(5), null), NOW));
        assertEquals(at(4), OrderMerge.deliveredAt(f(1, "success", "delivered", at(0), at(5), at(4)), NOW));
        assertEquals(NOW, OrderMerge.deliveredAt(f(1, "success", "delivered", at(0), null, null), NOW));
        assertNull(OrderMerge.deliveredAt(f(1, "success", "in_transit", at(0), at(5), null), NOW));
    }

    @Test
    void theDeliveryTimeIsTheEarliestEverSeenEvenWhenALaterSnapshotSaysOtherwise() {
        FulfillmentSnapshot delivered = f(7, "success", "delivered", at(0), at(5), at(5));
        OrderMerge.Fulfillments again = OrderMerge.mergeFulfillments(Map.of(7L, delivered),
                List.of(f(7, "success", "delivered", at(0), at(9), null)), NOW);
        assertEquals(at(5), again.all().get(0).deliveredAt());

        // A carrier that takes the delivery back does not take away when it was first seen delivered.
        OrderMerge.Fulfillments undone = OrderMerge.mergeFulfillments(Map.of(7L, delivered),
                List.of(f(7, "success", "in_transit", at(0), at(10), null)), NOW);
        assertEquals(at(5), undone.all().get(0).deliveredAt());
    }

    @Test
    void anOrderIsFirstFulfilledAndFirstDeliveredByItsSuccessfulFulfillmentsOnly() {
        List<FulfillmentSnapshot> all = List.of(
                f(1, "cancelled", "delivered", at(0), at(1), at(1)),
                f(2, "success", "delivered", at(3), at(8), at(8)),
                f(3, "success", "delivered", at(2), at(9), at(6)),
                f(4, "success", null, null, at(7), null));
        assertEquals(at(2), OrderMerge.firstFulfilled(all));
        assertEquals(at(6), OrderMerge.firstDelivered(all));
        assertNull(OrderMerge.firstDelivered(List.of(f(4, "success", "in_transit", at(2), at(3), null))));
        assertNull(OrderMerge.firstFulfilled(List.of(f(1, "pending", null, at(2), at(3), null))));
        assertEquals(at(7), OrderMerge.firstFulfilled(List.of(f(4, "success", null, null, at(7), null))));
    }

    @Test
    void lineItemsNeedRewritingOnlyWhenSomethingStoredAboutThemChanged() {
        OrderSnapshot.LineItem item = new OrderSnapshot.LineItem(1, "Shirt", "M", 1, "10.00", 5L, 6L, null);
        String hash = OrderMerge.lineItemsHash(List.of(item));
        assertEquals(hash, OrderMerge.lineItemsHash(List.of(new OrderSnapshot.LineItem(1, "Shirt", "M", 1, "10.00", 5L, 6L, null))));
        assertNotEquals(hash, OrderMerge.lineItemsHash(List.of(new OrderSnapshot.LineItem(1, "Shirt", "M", 2, "10.00", 5L, 6L, null))));
        assertNotEquals(hash, OrderMerge.lineItemsHash(List.of(item, item)));
        assertNotEquals(hash, OrderMerge.lineItemsHash(List.of()));
    }

    @Test
    void theListShowsTheFirstLineItemThatHasAPicture() {
        assertEquals("b.png", OrderMerge.imageUrl(List.of(
                new OrderSnapshot.LineItem(1, "A", null, 1, null, null, null, null),
                new OrderSnapshot.LineItem(2, "B", null, 1, null, null, null, "b.png"),
                new OrderSnapshot.LineItem(3, "C", null, 1, null, null, null, "c.png"))));
        assertNull(OrderMerge.imageUrl(List.of()));
    }
}
