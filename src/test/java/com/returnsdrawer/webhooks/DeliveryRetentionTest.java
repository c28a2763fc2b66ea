package com.returnsdrawer.webhooks;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.support.Sql;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(startApplication = false, transactional = false)
class DeliveryRetentionTest {

    @Test
    void forgetsOnlyRecordsOlderThanTheRetention(DeliveryRetention retention, Database database) {
        String old = "old-" + UUID.randomUUID();
        String recent = "recent-" + UUID.randomUUID();
        Instant now = Instant.now();
        insert(database, old, now.minus(Duration.ofDays(31)));
        insert(database, recent, now.minus(Duration.ofDays(29)));
        assertTrue(retention.purge(now) >= 1);
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = ?", old));
        assertEquals(1L, Sql.count(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = ?", recent));
    }

    private static void insert(Database database, String id, Instant at) {
        database.withConnection(c -> {
            try (var ps = c.prepareStatement("INSERT INTO webhook_deliveries (webhook_id, shop_domain, topic, received_at, outcome) VALUES (?, 'x.myshopify.com', 'orders/create', ?, 'processed')")) {
                ps.setString(1, id);
                ps.setObject(2, com.returnsdrawer.db.Times.toDb(at));
                return ps.executeUpdate();
            }
        });
    }
}
