package com.returnsdrawer.returns;

import io.micronaut.core.annotation.Nullable;

/** What a return link may carry about an order: its id, name ({@code #1001}), number, email, zip, locale. */
public record OrderLinkData(long orderId, @Nullable String name, @Nullable Long orderNumber, @Nullable String email,
                            @Nullable String zip, @Nullable String locale) {

    /** The order's name with one leading {@code #} removed: {@code #1001} → {@code 1001}; {@code US-1001-A} stays. */
    public String orderRef() {
        if (name == null || name.isEmpty()) {
            return orderNumber == null ? null : orderNumber.toString();
        }
        return name.startsWith("#") ? name.substring(1) : name;
    }
}
