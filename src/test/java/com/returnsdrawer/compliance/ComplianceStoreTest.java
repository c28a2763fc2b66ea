package com.returnsdrawer.compliance;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.support.Sql;
import com.returnsdrawer.support.TestShops;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(startApplication = false, transactional = false)
class ComplianceStoreTest {

    @Inject
    ComplianceStore store;
    @Inject
    Database database;
    @Inject
    ObjectMapper json;

    private final ShopDomain shop = TestShops.unique("compliance");
    private final ShopDomain other = TestShops.unique("compliance-other");
    // Whole seconds: MySQL Connector/J sends no fractional seconds to MariaDB (its version reads as 5.5.5).
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void listsTheShopsRequestsNewestFirstWithoutTheirExports() {
        store.record(shop, ComplianceKind.CUSTOMERS_DATA_REQUEST, "9999", 42L, now.minusSeconds(60), "{\"orders\":[]}");
        store.record(shop, ComplianceKind.CUSTOMERS_REDACT, null, 42L, now, null);
        store.record(other, ComplianceKind.SHOP_REDACT, null, null, now, null);

        List<ComplianceStore.Request> listed = store.list(shop);
        assertEquals(List.of(ComplianceKind.CUSTOMERS_REDACT, ComplianceKind.CUSTOMERS_DATA_REQUEST),
                listed.stream().map(ComplianceStore.Request::kind).toList());
        ComplianceStore.Request dataRequest = listed.get(1);
        assertEquals("9999", dataRequest.requestRef());
        assertEquals(42L, dataRequest.customerId());
        assertEquals(now.minusSeconds(60), dataRequest.receivedAt());
        assertEquals(now.minusSeconds(60), dataRequest.completedAt());
        assertTrue(dataRequest.hasExport());
        assertFalse(listed.get(0).hasExport());
    }

    @Test
    void kindsKeepTheirNamesInJsonAndInTheDatabase() throws Exception {
        store.record(shop, ComplianceKind.CUSTOMERS_DATA_REQUEST, null, 1L, now, "{}");
        ComplianceStore.Request request = store.list(shop).get(0);
        assertTrue(json.writeValueAsString(request).contains("\"kind\":\"customers_data_request\""),
                json.writeValueAsString(request));
        assertEquals("customers_data_request",
                Sql.one(database, "SELECT kind FROM compliance_requests WHERE id = ?", request.id()).get("kind"));
    }

    @Test
    void anExportIsReadOnlyByItsOwnShop() {
        store.record(shop, ComplianceKind.CUSTOMERS_DATA_REQUEST, null, 1L, now, "{\"mine\":true}");
        long id = store.list(shop).get(0).id();
        assertEquals("{\"mine\":true}", store.export(shop, id).orElseThrow());
        assertTrue(store.export(other, id).isEmpty());
        store.record(shop, ComplianceKind.CUSTOMERS_REDACT, null, 1L, now.plusSeconds(1), null);
        assertTrue(store.export(shop, store.list(shop).get(0).id()).isEmpty(), "a redaction has no export");
    }

    @Test
    void forgettingAShopForgetsOnlyItsRequests() {
        store.record(shop, ComplianceKind.CUSTOMERS_REDACT, null, 1L, now, null);
        store.record(other, ComplianceKind.CUSTOMERS_REDACT, null, 1L, now, null);
        store.forgetShop(shop);
        assertEquals(List.of(), store.list(shop));
        assertEquals(1, store.list(other).size());
    }

    @Test
    void aRequestRecordedInAFailedUnitIsNotKept() {
        assertThrows(IllegalStateException.class, () -> database.inTransaction(c -> {
            store.record(shop, ComplianceKind.CUSTOMERS_REDACT, null, 1L, now, null);
            throw new IllegalStateException("the rest of the unit failed");
        }));
        assertEquals(List.of(), store.list(shop));
    }
}
