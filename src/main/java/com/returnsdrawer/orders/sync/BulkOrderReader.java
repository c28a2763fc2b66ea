package com.returnsdrawer.orders.sync;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a bulk operation's JSONL result one order at a time, never the whole file: an order line (no
 * {@code __parentId}), then its line items and returns, each a line of its own naming the order as
 * {@code __parentId} (shopify.dev: api/usage/bulk-operations/queries, "JSONL output"). The operation is started with
 * {@code groupObjects: true}, so an order's children follow it directly and the next order line closes it. Every
 * order comes with the byte position where the next one starts, which is where a resumed read begins.
 */
final class BulkOrderReader implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(BulkOrderReader.class);
    private static final String LINE_ITEM = "gid://shopify/LineItem/";
    private static final String RETURN = "gid://shopify/Return/";

    /** One line of the file: an order's fields, or a line item's, or a return's. */
    @Serdeable
    record Line(@Nullable String id, @Nullable @JsonProperty("__parentId") String parentId,
                @Nullable @JsonProperty("legacyResourceId") String legacyResourceId, @Nullable String name,
                @Nullable Long number, @Nullable String email, @Nullable @JsonProperty("createdAt") String createdAt,
                @Nullable @JsonProperty("updatedAt") String updatedAt, @Nullable @JsonProperty("cancelledAt") String cancelledAt,
                @Nullable @JsonProperty("customerLocale") String customerLocale,
                @Nullable @JsonProperty("displayFinancialStatus") String displayFinancialStatus,
                @Nullable @JsonProperty("displayFulfillmentStatus") String displayFulfillmentStatus,
                @Nullable @JsonProperty("totalPriceSet") GraphqlOrders.MoneyBag totalPriceSet,
                @Nullable GraphqlOrders.Customer customer,
                @Nullable @JsonProperty("shippingAddress") GraphqlOrders.Address shippingAddress,
                @Nullable @JsonProperty("billingAddress") GraphqlOrders.Address billingAddress,
                @Nullable List<GraphqlOrders.Fulfillment> fulfillments,
                @Nullable String title, @Nullable @JsonProperty("variantTitle") String variantTitle, @Nullable Integer quantity,
                @Nullable @JsonProperty("originalUnitPriceSet") GraphqlOrders.MoneyBag originalUnitPriceSet,
                @Nullable GraphqlOrders.Legacy variant, @Nullable GraphqlOrders.Legacy product,
                @Nullable GraphqlOrders.Image image, @Nullable String status) {
    }

    /** A whole order and the byte position right after its last line. */
    record Read(GraphqlOrders.Order order, long end) {
    }

    private final ObjectMapper json;
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int start;
    private int limit;
    private long position;
    private Line pending;
    private long strayChildren;

    /** Reads {@code in}, whose first byte is at {@code position} of the file (the start of an order line). */
    BulkOrderReader(ObjectMapper json, InputStream in, long position) {
        this.json = json;
        this.in = in;
        this.position = position;
    }

    /** The next whole order; null at the end of the file. */
    Read next() throws IOException {
        while (pending == null) {
            Line line = line();
            if (line == null) {
                return null;
            }
            if (line.parentId() == null) {
                pending = line;
            } else {
                stray(line);
            }
        }
        Line order = pending;
        String orderGid = order.id();
        List<GraphqlOrders.LineItem> items = new ArrayList<>();
        List<GraphqlOrders.Return> returns = new ArrayList<>();
        while (true) {
            long lineStart = position;
            Line line = line();
            if (line == null || line.parentId() == null) {
                pending = line;
                return new Read(order(order, items, returns), line == null ? position : lineStart);
            }
            if (!line.parentId().equals(orderGid)) {
                stray(line);
            } else if (line.id() != null && line.id().startsWith(LINE_ITEM)) {
                items.add(new GraphqlOrders.LineItem(line.id(), line.title(), line.variantTitle(), line.quantity(),
                        line.originalUnitPriceSet(), line.variant(), line.product(), line.image()));
            } else if (line.id() != null && line.id().startsWith(RETURN)) {
                returns.add(new GraphqlOrders.Return(line.id(), line.status()));
            }
        }
    }

    /** Children whose order is not the one being read: never with grouped output; counted, and logged once. */
    long strayChildren() {
        return strayChildren;
    }

    private void stray(Line line) {
        if (strayChildren++ == 0) {
            LOG.warn("bulk result has a child line away from its order ({})", line.id() == null ? "?" : line.id().replaceAll("/\\d+$", ""));
        }
    }

    private static GraphqlOrders.Order order(Line o, List<GraphqlOrders.LineItem> items, List<GraphqlOrders.Return> returns) {
        String legacy = o.legacyResourceId() != null ? o.legacyResourceId()
                : String.valueOf(GraphqlOrders.gidNumber(o.id()));
        return new GraphqlOrders.Order(legacy, o.name(), o.number(), o.email(), o.createdAt(), o.updatedAt(),
                o.cancelledAt(), o.customerLocale(), o.displayFinancialStatus(), o.displayFulfillmentStatus(),
                o.totalPriceSet(), o.customer(), o.shippingAddress(), o.billingAddress(),
                new GraphqlOrders.LineItemPage(items, null), o.fulfillments(), new GraphqlOrders.Nodes<>(returns));
    }

    /** The next non-empty line, parsed; null at the end. {@link #position} moves past it. */
    private Line line() throws IOException {
        while (true) {
            byte[] bytes = rawLine();
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0) {
                return json.readValue(bytes, Line.class);
            }
        }
    }

    /** The bytes of the next line without its newline; null at the end of the file. */
    private byte[] rawLine() throws IOException {
        byte[] carried = null;
        while (true) {
            for (int i = start; i < limit; i++) {
                if (buffer[i] == '\n') {
                    byte[] line = join(carried, i);
                    position += i - start + 1;
                    start = i + 1;
                    return line;
                }
            }
            if (limit > start) {
                carried = join(carried, limit);
                position += limit - start;
            }
            start = 0;
            limit = in.read(buffer, 0, buffer.length);
            if (limit <= 0) {
                limit = 0;
                return carried;
            }
        }
    }

    /** {@code carried} followed by the buffer from {@link #start} up to {@code end}. */
    private byte[] join(byte[] carried, int end) {
        if (carried == null) {
            return Arrays.copyOfRange(buffer, start, end);
        }
        byte[] out = Arrays.copyOf(carried, carried.length + end - start);
        System.arraycopy(buffer, start, out, carried.length, end - start);
        return out;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
