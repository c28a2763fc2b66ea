package com.returnsdrawer.orders;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/**
 * A Shopify return's status (shopify.dev: admin-graphql ReturnStatus; the returns/* webhooks send it in lower
 * case). Stored and sent as its {@link #code()}; shown in words through {@link #messageKey()}.
 */
public enum ReturnStatus {
    REQUESTED("requested", "return.requested"),
    OPEN("open", "return.open"),
    CLOSED("closed", "return.closed"),
    DECLINED("declined", "return.declined"),
    CANCELED("canceled", "return.canceled");

    private final String code;
    private final String messageKey;

    ReturnStatus(String code, String messageKey) {
        this.code = code;
        this.messageKey = messageKey;
    }

    /** The lower-case code of the JSON and of the {@code status} column. */
    @JsonValue
    public String code() {
        return code;
    }

    /** The key of its words in {@code messages_*.properties}. */
    public String messageKey() {
        return messageKey;
    }

    /** The status Shopify names, in either case ({@code open}, {@code OPEN}); empty for one this version does not know. */
    public static Optional<ReturnStatus> of(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String code = value.toLowerCase(Locale.ROOT);
        for (ReturnStatus status : values()) {
            if (status.code.equals(code)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
