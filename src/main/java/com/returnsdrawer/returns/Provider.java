package com.returnsdrawer.returns;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The returns portals a merchant can choose, with what each link can carry prefilled (docs/behaviour.md, "Providers
 * and their links"). For {@code other}, the placeholders the merchant's URL template may use.
 */
public enum Provider {
    LOOP("loop", "Loop", List.of("order", "email", "zip")),
    AFTERSHIP("aftership", "AfterShip", List.of()),
    PARCELLAB("parcellab", "parcelLab", List.of()),
    NARVAR("narvar", "Narvar", List.of("order", "zip")),
    OTHER("other", "Other portal", List.of("order", "order_name", "order_number", "order_id", "email", "zip", "locale"));

    private final String id;
    private final String displayName;
    private final List<String> prefill;

    Provider(String id, String displayName, List<String> prefill) {
        this.id = id;
        this.displayName = displayName;
        this.prefill = prefill;
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public List<String> prefill() {
        return prefill;
    }

    public static Optional<Provider> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}
