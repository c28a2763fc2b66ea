package com.returnsdrawer.orders;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DisplayStatusTest {

    private static FulfillmentSnapshot f(String status, String shipment) {
        return new FulfillmentSnapshot(1, 1, status, shipment, List.of(), Instant.EPOCH, Instant.EPOCH, null);
    }

    @Test
    void cancelledWinsOverEverything() {
        assertEquals(DisplayStatus.CANCELLED, DisplayStatus.of(true, "fulfilled", List.of(f("success", "delivered"))));
    }

    @Test
    void unfulfilledWithoutASuccessfulFulfillment() {
        assertEquals(DisplayStatus.UNFULFILLED, DisplayStatus.of(false, null, List.of()));
        assertEquals(DisplayStatus.UNFULFILLED, DisplayStatus.of(false, null, List.of(f("pending", null), f("cancelled", "delivered"))));
        assertEquals(DisplayStatus.UNFULFILLED, DisplayStatus.of(false, null, List.of(f("error", "in_transit"), f("failure", null))));
    }

    @Test
    void fulfilledWithoutShipmentStatus() {
        assertEquals(DisplayStatus.FULFILLED, DisplayStatus.of(false, "fulfilled", List.of(f("success", null))));
        assertEquals(DisplayStatus.FULFILLED, DisplayStatus.of(false, null, List.of(f("success", "label_printed"))));
    }

    @Test
    void partialFulfilmentWithoutCarrierState() {
        assertEquals(DisplayStatus.PARTIALLY_FULFILLED, DisplayStatus.of(false, "partial", List.of(f("success", null))));
        assertEquals(DisplayStatus.PARTIALLY_FULFILLED, DisplayStatus.of(false, "partial", List.of(f("success", "confirmed"))));
    }

    @Test
    void carrierStatesAreShownAsTheyAre() {
        for (String state : List.of("delivered", "out_for_delivery", "in_transit", "attempted_delivery", "failure")) {
            assertEquals(state, DisplayStatus.of(false, "partial", List.of(f("success", state))).code());
        }
    }

    @Test
    void theMostAdvancedCarrierStateAcrossFulfillmentsWins() {
        assertEquals(DisplayStatus.DELIVERED, DisplayStatus.of(false, "fulfilled",
                List.of(f("success", "in_transit"), f("success", "delivered"), f("success", "failure"))));
        assertEquals(DisplayStatus.OUT_FOR_DELIVERY, DisplayStatus.of(false, "fulfilled",
                List.of(f("success", "in_transit"), f("success", "out_for_delivery"))));
        assertEquals(DisplayStatus.IN_TRANSIT, DisplayStatus.of(false, "fulfilled",
                List.of(f("success", "attempted_delivery"), f("success", "in_transit"), f("success", null))));
    }

    @Test
    void carrierStatesOfUnsuccessfulFulfillmentsAreIgnored() {
        assertEquals(DisplayStatus.IN_TRANSIT, DisplayStatus.of(false, "partial",
                List.of(f("success", "in_transit"), f("cancelled", "delivered"))));
    }

    @Test
    void unknownShipmentStatusesAreTolerated() {
        assertEquals(DisplayStatus.FULFILLED, DisplayStatus.of(false, "fulfilled", List.of(f("success", "teleported"))));
        assertEquals(DisplayStatus.IN_TRANSIT, DisplayStatus.of(false, "fulfilled", List.of(f("success", "teleported"), f("success", "IN_TRANSIT"))));
    }

    @Test
    void codesAndMessageKeysAreTheStoredAndShownOnes() {
        assertEquals(List.of("cancelled", "unfulfilled", "partially_fulfilled", "fulfilled", "in_transit", "out_for_delivery",
                "attempted_delivery", "delivered", "failure"), Arrays.stream(DisplayStatus.values()).map(DisplayStatus::code).toList());
        for (DisplayStatus status : DisplayStatus.values()) {
            assertEquals("status." + status.code(), status.messageKey());
            assertEquals(status, DisplayStatus.fromCode(status.code()));
        }
    }
}
