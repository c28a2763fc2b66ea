package com.returnsdrawer.orders;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DisplayStatusTest {

    private static FulfillmentSnapshot f(String status, String shipment) {
        return new FulfillmentSnapshot(1, 1, status, shipment, List.of(), Instant.EPOCH, Instant.EPOCH, null);
    }

    @Test
    void cancelledWinsOverEverything() {
        assertEquals("cancelled", DisplayStatus.of(true, "fulfilled", List.of(f("success", "delivered"))));
    }

    @Test
    void unfulfilledWithoutASuccessfulFulfillment() {
        assertEquals("unfulfilled", DisplayStatus.of(false, null, List.of()));
        assertEquals("unfulfilled", DisplayStatus.of(false, null, List.of(f("pending", null), f("cancelled", "delivered"))));
        assertEquals("unfulfilled", DisplayStatus.of(false, null, List.of(f("error", "in_transit"), f("failure", null))));
    }

    @Test
    void fulfilledWithoutShipmentStatus() {
        assertEquals("fulfilled", DisplayStatus.of(false, "fulfilled", List.of(f("success", null))));
        assertEquals("fulfilled", DisplayStatus.of(false, null, List.of(f("success", "label_printed"))));
    }

    @Test
    void partialFulfilmentWithoutCarrierState() {
        assertEquals("partially_fulfilled", DisplayStatus.of(false, "partial", List.of(f("success", null))));
        assertEquals("partially_fulfilled", DisplayStatus.of(false, "partial", List.of(f("success", "confirmed"))));
    }

    @Test
    void carrierStatesAreShownAsTheyAre() {
        for (String state : List.of("delivered", "out_for_delivery", "in_transit", "attempted_delivery", "failure")) {
            assertEquals(state, DisplayStatus.of(false, "partial", List.of(f("success", state))));
        }
    }

    @Test
    void theMostAdvancedCarrierStateAcrossFulfillmentsWins() {
        assertEquals("delivered", DisplayStatus.of(false, "fulfilled",
                List.of(f("success", "in_transit"), f("success", "delivered"), f("success", "failure"))));
        assertEquals("out_for_delivery", DisplayStatus.of(false, "fulfilled",
                List.of(f("success", "in_transit"), f("success", "out_for_delivery"))));
        assertEquals("in_transit", DisplayStatus.of(false, "fulfilled",
                List.of(f("success", "attempted_delivery"), f("success", "in_transit"), f("success", null))));
    }

    @Test
    void carrierStatesOfUnsuccessfulFulfillmentsAreIgnored() {
        assertEquals("in_transit", DisplayStatus.of(false, "partial",
                List.of(f("success", "in_transit"), f("cancelled", "delivered"))));
    }

    @Test
    void unknownShipmentStatusesAreTolerated() {
        assertEquals("fulfilled", DisplayStatus.of(false, "fulfilled", List.of(f("success", "teleported"))));
        assertEquals("in_transit", DisplayStatus.of(false, "fulfilled", List.of(f("success", "teleported"), f("success", "IN_TRANSIT"))));
    }
}
