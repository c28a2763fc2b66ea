package com.returnsdrawer.orders;

import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules that decide an order's stored state from what Shopify sends, with no database: which snapshot is
 * stale, which fulfillment state wins, when an order counts as fulfilled and delivered, when line items need
 * rewriting. Shopify may deliver webhooks late, twice, or out of order
 * (https://shopify.dev/docs/apps/build/webhooks/best-practices), so every rule is idempotent by {@code updated_at}.
 */
final class OrderMerge {

    private OrderMerge() {
    }

    /**
     * What to do with an incoming order snapshot: a tombstoned order never comes back; a snapshot older than the
     * stored one is skipped.
     */
    static OrderWriter.Outcome admit(boolean tombstoned, @Nullable Instant storedUpdatedAt, @Nullable Instant incomingUpdatedAt) {
        if (tombstoned) {
            return OrderWriter.Outcome.DELETED;
        }
        return isStale(incomingUpdatedAt, storedUpdatedAt) ? OrderWriter.Outcome.STALE : OrderWriter.Outcome.APPLIED;
    }

    /** True when the incoming time is known, the stored one too, and the incoming one is earlier. */
    static boolean isStale(@Nullable Instant incoming, @Nullable Instant stored) {
        return incoming != null && stored != null && incoming.isBefore(stored);
    }

    /**
     * An order's fulfillments after the incoming ones are merged into the stored ones: per fulfillment the newer
     * {@code updated_at} wins (an equal one too: the later delivery), and the delivery time is the earliest ever
     * seen. {@code inserts} and {@code updates} are the rows to write.
     */
    record Fulfillments(List<FulfillmentSnapshot> all, List<FulfillmentSnapshot> inserts, List<FulfillmentSnapshot> updates) {
    }

    static Fulfillments mergeFulfillments(Map<Long, FulfillmentSnapshot> stored, Collection<FulfillmentSnapshot> incoming,
                                          Instant now) {
        Map<Long, FulfillmentSnapshot> merged = new LinkedHashMap<>(stored);
        List<FulfillmentSnapshot> inserts = new ArrayList<>();
        List<FulfillmentSnapshot> updates = new ArrayList<>();
        for (FulfillmentSnapshot f : incoming) {
            FulfillmentSnapshot old = stored.get(f.fulfillmentId());
            if (old != null && isStale(f.updatedAt(), old.updatedAt())) {
                continue;
            }
            FulfillmentSnapshot next = f.withDeliveredAt(earliest(old == null ? null : old.deliveredAt(), deliveredAt(f, now)));
            if (old == null) {
                inserts.add(next);
            } else if (!sameState(old, next)) {
                updates.add(next);
            }
            merged.put(f.fulfillmentId(), next);
        }
        return new Fulfillments(List.copyOf(merged.values()), inserts, updates);
    }

    /**
     * When this snapshot says the fulfillment was delivered: Shopify's {@code deliveredAt} when the Admin API gave
     * it, else the snapshot's {@code updated_at} (a webhook says only that it is delivered now), else now; null
     * while it is not delivered.
     */
    static Instant deliveredAt(FulfillmentSnapshot f, Instant now) {
        if (!f.delivered()) {
            return null;
        }
        return earliest(f.deliveredAt(), f.updatedAt() != null ? f.updatedAt() : now);
    }

    /** The earliest creation (else update) time of the successful fulfillments: when the order was first fulfilled. */
    static Instant firstFulfilled(Collection<FulfillmentSnapshot> fulfillments) {
        Instant first = null;
        for (FulfillmentSnapshot f : fulfillments) {
            if (f.successful()) {
                first = earliest(first, f.createdAt() != null ? f.createdAt() : f.updatedAt());
            }
        }
        return first;
    }

    /** The earliest delivery of the successful fulfillments: when the order counts as delivered; null before. */
    static Instant firstDelivered(Collection<FulfillmentSnapshot> fulfillments) {
        Instant first = null;
        for (FulfillmentSnapshot f : fulfillments) {
            if (f.successful() && f.deliveredAt() != null) {
                first = earliest(first, f.deliveredAt());
            }
        }
        return first;
    }

    /** A digest of everything stored per line item; equal digests mean nothing to rewrite. */
    static String lineItemsHash(List<OrderSnapshot.LineItem> items) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (OrderSnapshot.LineItem item : items) {
                digest.update((item.lineItemId() + "\u0001" + item.title() + "\u0001" + item.variantTitle() + "\u0001"
                        + item.quantity() + "\u0001" + item.price() + "\u0001" + item.variantId() + "\u0001" + item.productId()
                        + "\u0001" + item.imageUrl() + "\u0002").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The picture the list shows for an order: its first line item that has one. */
    static String imageUrl(List<OrderSnapshot.LineItem> items) {
        return items.stream().map(OrderSnapshot.LineItem::imageUrl).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static boolean sameState(FulfillmentSnapshot a, FulfillmentSnapshot b) {
        return Objects.equals(a.status(), b.status()) && Objects.equals(a.shipmentStatus(), b.shipmentStatus())
                && a.tracking().equals(b.tracking()) && Objects.equals(a.createdAt(), b.createdAt())
                && Objects.equals(a.updatedAt(), b.updatedAt()) && Objects.equals(a.deliveredAt(), b.deliveredAt());
    }

    static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }
}
