package com.returnsdrawer.webhooks;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.support.Sql;
import com.returnsdrawer.support.TestShops;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(startApplication = false, transactional = false)
class DeliveryLogTest {

    @Inject
    DeliveryLog log;
    @Inject
    Database database;

    private final ShopDomain shop = TestShops.unique("log");
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final byte[] body = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);

    private Delivery delivery(String id, Payload payload, Instant receivedAt) {
        return new Delivery(id, shop, "orders/create", "event-" + id, "2025-10", receivedAt.minusSeconds(1), receivedAt,
                payload, body);
    }

    private boolean record(Delivery d, DeliveryLog.Outcome outcome) {
        return database.inTransaction(c -> log.record(c, d, outcome));
    }

    private Map<String, Object> row(String id) {
        return Sql.one(database, "SELECT * FROM webhook_deliveries WHERE webhook_id = ?", id);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    @Test
    void recordsADeliveryOnceAndTellsADuplicate() {
        String id = id();
        assertTrue(record(delivery(id, new Payload.Unreadable(), now), DeliveryLog.Outcome.PROCESSED));
        assertFalse(record(delivery(id, new Payload.Unreadable(), now), DeliveryLog.Outcome.PROCESSED));
        Map<String, Object> row = row(id);
        assertEquals(shop.value(), row.get("shop_domain"));
        assertEquals("orders/create", row.get("topic"));
        assertEquals("event-" + id, row.get("event_id"));
        assertEquals("2025-10", row.get("api_version"));
        assertEquals("processed", row.get("outcome"));
        assertNull(row.get("body"), "an applied payload lives on as state, not as a body");
    }

    @Test
    void keepsTheBodyOnlyOfADeliveryThatCouldNotBeApplied() {
        String unparseable = id();
        String unknown = id();
        String ignored = id();
        record(delivery(unparseable, new Payload.Unreadable(), now), DeliveryLog.Outcome.UNPARSEABLE);
        record(delivery(unknown, new Payload.NoHandler(), now), DeliveryLog.Outcome.UNKNOWN_TOPIC);
        record(delivery(ignored, new Payload.Unreadable(), now), DeliveryLog.Outcome.IGNORED_UNINSTALLED);
        assertArrayEquals(body, (byte[]) row(unparseable).get("body"));
        assertEquals("unknown_topic", row(unknown).get("outcome"));
        assertArrayEquals(body, (byte[]) row(unknown).get("body"));
        assertEquals("ignored_uninstalled", row(ignored).get("outcome"));
        assertNull(row(ignored).get("body"));
    }

    @Test
    void recordsAGroupInOneStatementAndFailsItWholeOnARecordedId() {
        String a = id();
        String b = id();
        database.inTransaction(c -> {
            log.recordAll(c, List.of(delivery(a, new Payload.NoHandler(), now), delivery(b, new Payload.NoHandler(), now)));
            return null;
        });
        assertEquals("processed", row(a).get("outcome"));
        assertEquals("processed", row(b).get("outcome"));

        String c1 = id();
        assertThrows(Database.DatabaseException.class, () -> database.inTransaction(c -> {
            log.recordAll(c, List.of(delivery(c1, new Payload.NoHandler(), now), delivery(a, new Payload.NoHandler(), now)));
            return null;
        }));
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = ?", c1));
    }

    @Test
    void purgesOnlyRecordsReceivedBeforeTheCutoffInBatches() {
        String old1 = id();
        String old2 = id();
        String recent = id();
        Instant longAgo = Instant.parse("2001-01-01T00:00:00Z");
        record(delivery(old1, new Payload.NoHandler(), longAgo), DeliveryLog.Outcome.PROCESSED);
        record(delivery(old2, new Payload.NoHandler(), longAgo.plusSeconds(1)), DeliveryLog.Outcome.PROCESSED);
        record(delivery(recent, new Payload.NoHandler(), now), DeliveryLog.Outcome.PROCESSED);
        Instant cutoff = longAgo.plus(Duration.ofDays(1));
        int first = log.purgeReceivedBefore(cutoff, 1);
        assertEquals(1, first);
        log.purgeReceivedBefore(cutoff, 1000);
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id IN (?, ?)", old1, old2));
        assertEquals(1L, Sql.count(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = ?", recent));
    }

    @Test
    void forgettingAShopInBatchesKeepsItsRedactionRecordsAndOtherShops() throws Exception {
        for (int i = 0; i < 5; i++) {
            record(delivery(id(), new Payload.NoHandler(), now), DeliveryLog.Outcome.PROCESSED);
        }
        String kept = id();
        database.inTransaction(c -> log.record(c, new Delivery(kept, shop, "shop/redact", null, null, now, now,
                new Payload.NoHandler(), body), DeliveryLog.Outcome.PROCESSED));
        ShopDomain other = TestShops.unique("log-other");
        String others = id();
        database.inTransaction(c -> log.record(c, new Delivery(others, other, "orders/create", null, null, now, now,
                new Payload.NoHandler(), body), DeliveryLog.Outcome.PROCESSED));

        assertEquals(2, (int) database.inTransaction(c -> log.forgetShopBatch(c, shop, "shop/redact", 2)));
        assertEquals(3, (int) database.inTransaction(c -> log.forgetShopBatch(c, shop, "shop/redact", 10)));
        assertEquals(0, (int) database.inTransaction(c -> log.forgetShopBatch(c, shop, "shop/redact", 10)));
        assertEquals(1L, Sql.count(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE shop_domain = ?", shop.value()));
        assertEquals(kept, row(kept).get("webhook_id"));
        assertEquals(1L, Sql.count(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = ?", others));
    }

    @Test
    void keptBodiesNamingACustomerAreDroppedWithinTheShopOnly() {
        String byId = id();
        String byEmail = id();
        String longerNumber = id();
        String otherShops = id();
        ShopDomain other = TestShops.unique("log-other");
        record(new Delivery(byId, shop, "orders/create", null, null, now, now, new Payload.Unreadable(),
                "{\"customer\":{\"id\":4711,".getBytes(StandardCharsets.UTF_8)), DeliveryLog.Outcome.UNPARSEABLE);
        record(new Delivery(byEmail, shop, "customers/update", null, null, now, now, new Payload.NoHandler(),
                "{\"email\":\"Jo.Doe@Example.com\"}".getBytes(StandardCharsets.UTF_8)), DeliveryLog.Outcome.UNKNOWN_TOPIC);
        record(new Delivery(longerNumber, shop, "customers/update", null, null, now, now, new Payload.NoHandler(),
                "{\"id\":147110}".getBytes(StandardCharsets.UTF_8)), DeliveryLog.Outcome.UNKNOWN_TOPIC);
        record(new Delivery(otherShops, other, "orders/create", null, null, now, now, new Payload.Unreadable(),
                "{\"customer\":{\"id\":4711,".getBytes(StandardCharsets.UTF_8)), DeliveryLog.Outcome.UNPARSEABLE);

        int dropped = (int) database.inTransaction(c -> log.forgetBodiesAbout(c, shop, 4711, List.of("jo.doe@example.com")));
        assertEquals(2, dropped);
        assertNull(row(byId).get("body"));
        assertNull(row(byEmail).get("body"));
        assertEquals("unparseable", row(byId).get("outcome"), "the record stays, only the body goes");
        assertNotNull(row(longerNumber).get("body"), "another number that merely contains the id");
        assertNotNull(row(otherShops).get("body"), "another shop's customer 4711");
    }
}
