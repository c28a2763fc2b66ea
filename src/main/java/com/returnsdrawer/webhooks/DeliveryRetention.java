package com.returnsdrawer.webhooks;

import com.returnsdrawer.db.Database;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * Forgets delivery records older than the retention period (default 30 days; Shopify retries for 4 hours),
 * in small batches so it never holds long locks beside live traffic. Safe on every instance at once.
 */
@Singleton
class DeliveryRetention {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRetention.class);
    private static final int BATCH = 5000;

    private final DeliveryLog log;
    private final Duration retention;

    DeliveryRetention(DeliveryLog log, @Value("${webhooks.retention-days:30}") int retentionDays) {
        this.log = log;
        this.retention = Duration.ofDays(Math.max(1, retentionDays));
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "10m")
    void scheduled() {
        try {
            purge(Instant.now());
        } catch (Database.DatabaseException e) {
            LOG.warn("delivery retention skipped: {}", e.getMessage());
        }
    }

    /** Deletes the records received before {@code now - retention}; returns how many. */
    int purge(Instant now) {
        int total = 0;
        int deleted;
        do {
            deleted = log.purgeReceivedBefore(now.minus(retention), BATCH);
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            LOG.info("forgot {} webhook delivery records older than {} days", total, retention.toDays());
        }
        return total;
    }
}
