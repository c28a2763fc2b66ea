package com.returnsdrawer.webhooks;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shop.Shop;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.WebhookDelivery;
import com.returnsdrawer.shopify.WebhookHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static com.returnsdrawer.db.Times.toDb;

/**
 * Verify → record the delivery id (unique key) → apply → commit, then acknowledge. The delivery record and its
 * effect commit in one transaction, so an acknowledged delivery is never lost, and the unique key makes a
 * redelivery, or the same delivery reaching two instances at once, apply exactly once.
 */
@Singleton
class WebhookIngestor {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookIngestor.class);

    enum Result { ACCEPTED, DUPLICATE, UNAUTHORIZED, BAD_REQUEST }

    /** What was done with an acknowledged delivery, as recorded. */
    enum Outcome {
        PROCESSED, UNPARSEABLE, UNKNOWN_TOPIC, IGNORED_UNINSTALLED;

        String column() {
            return name().toLowerCase();
        }
    }

    private final WebhookVerifier verifier;
    private final Database database;
    private final ShopStore shops;
    private final Map<String, WebhookHandler<?>> handlers = new HashMap<>();

    WebhookIngestor(WebhookVerifier verifier, Database database, ShopStore shops, List<WebhookHandler<?>> handlers) {
        this.verifier = verifier;
        this.database = database;
        this.shops = shops;
        for (WebhookHandler<?> handler : handlers) {
            for (String topic : handler.topics()) {
                WebhookHandler<?> previous = this.handlers.put(topic, handler);
                if (previous != null) {
                    throw new IllegalStateException("two handlers for " + topic);
                }
            }
        }
    }

    Result ingest(WebhookHeaders headers, byte[] body) {
        if (!verifier.verify(body, headers.hmac())) {
            LOG.info("webhook rejected: signature does not verify (topic {}). Webhooks created by hand in the store "
                    + "admin are signed with the store's own key, not the app's secret.", printable(headers.topic()));
            return Result.UNAUTHORIZED;
        }
        var domain = ShopDomain.parse(headers.shopDomain());
        if (headers.topic() == null || domain.isEmpty() || headers.topic().length() > 64) {
            return Result.BAD_REQUEST;
        }
        String topic = headers.topic().toLowerCase();
        Instant now = Instant.now();
        Instant triggeredAt = parseTime(headers.triggeredAt(), now);
        String webhookId = headers.webhookId() != null && headers.webhookId().length() <= 128
                ? headers.webhookId() : contentId(topic, domain.get(), body);

        WebhookHandler<?> handler = handlers.get(topic);
        Parsed<?> parsed = handler == null ? null : parse(handler, body);
        boolean stored = database.inTransaction(c -> {
            Shop shop = shops.findOrCreate(c, domain.get(), now);
            Outcome outcome;
            if (handler == null) {
                outcome = Outcome.UNKNOWN_TOPIC;
            } else if (parsed.failed()) {
                outcome = Outcome.UNPARSEABLE;
            } else if (!shop.installed() && !handler.appliesAfterUninstall()
                    && !triggeredAfter(triggeredAt, shop.uninstalledAt())) {
                outcome = Outcome.IGNORED_UNINSTALLED;
            } else {
                outcome = Outcome.PROCESSED;
            }
            if (!record(c, webhookId, domain.get(), topic, headers, triggeredAt, now, outcome, body)) {
                return false;
            }
            if (outcome == Outcome.PROCESSED) {
                if (!shop.installed() && !handler.appliesAfterUninstall()) {
                    // Triggered after the uninstall: the app was installed again.
                    shops.markInstalled(c, shop.id(), triggeredAt);
                }
                parsed.applyTo(c, new WebhookDelivery(shop.id(), shop.domain(), topic, webhookId, triggeredAt, now));
            }
            LOG.debug("webhook {} {} {}: {}", domain.get(), topic, webhookId, outcome.column());
            return true;
        });
        if (!stored) {
            LOG.debug("webhook {} {} {}: duplicate", domain.get(), topic, webhookId);
            return Result.DUPLICATE;
        }
        return Result.ACCEPTED;
    }

    /** Inserts the delivery record; false when this delivery id was recorded before (a duplicate). */
    private static boolean record(Connection c, String webhookId, ShopDomain shop, String topic, WebhookHeaders headers,
                                  Instant triggeredAt, Instant now, Outcome outcome, byte[] body) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO webhook_deliveries (webhook_id, shop_domain, topic, event_id, api_version, triggered_at,
                  received_at, outcome, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, webhookId);
            ps.setString(2, shop.value());
            ps.setString(3, topic);
            ps.setString(4, truncate(headers.eventId(), 128));
            ps.setString(5, truncate(headers.apiVersion(), 16));
            ps.setObject(6, toDb(triggeredAt));
            ps.setObject(7, toDb(now));
            ps.setString(8, outcome.column());
            // Kept only when it could not be applied, for inspection; applied payloads live on as order state.
            ps.setBytes(9, outcome == Outcome.UNPARSEABLE || outcome == Outcome.UNKNOWN_TOPIC ? body : null);
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Database.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean triggeredAfter(Instant triggeredAt, Instant uninstalledAt) {
        return uninstalledAt != null && triggeredAt.isAfter(uninstalledAt);
    }

    private record Parsed<T>(WebhookHandler<T> handler, T payload, boolean failed) {
        void applyTo(Connection c, WebhookDelivery delivery) throws SQLException {
            handler.apply(c, delivery, payload);
        }
    }

    private static <T> Parsed<T> parse(WebhookHandler<T> handler, byte[] body) {
        try {
            return new Parsed<>(handler, handler.parse(body), false);
        } catch (Exception e) {
            LOG.info("webhook payload could not be read ({}); kept for inspection", e.getClass().getSimpleName());
            return new Parsed<>(handler, null, true);
        }
    }

    private static Instant parseTime(String value, Instant fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e2) {
                return fallback;
            }
        }
    }

    /** Without a delivery id, the content names the delivery: an exact redelivery is still applied once. */
    private static String contentId(String topic, ShopDomain shop, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((topic + "\n" + shop.value() + "\n").getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** A header value safe for a log line: short, printable ASCII only. */
    private static String printable(String value) {
        if (value == null) {
            return "-";
        }
        String cleaned = value.replaceAll("[^A-Za-z0-9/_.-]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }
}
