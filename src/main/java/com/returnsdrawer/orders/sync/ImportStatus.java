package com.returnsdrawer.orders.sync;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;

import java.util.Locale;

/**
 * Where a shop's order import stands. {@link #value()} is the word stored in {@code order_imports.status} and shown
 * by {@code GET /api/status}; {@code pending} is an import set up but not yet claimed by an instance.
 */
public enum ImportStatus {
    PENDING, RUNNING, DONE, FAILED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ImportStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** An import an instance should pick up (or is running), as opposed to one that has ended. */
    boolean unfinished() {
        return this == PENDING || this == RUNNING;
    }

    /** Stores the status as its lower-case word, as the column has always held it. */
    @Singleton
    static final class Column implements AttributeConverter<ImportStatus, String> {
        @Override
        public String convertToPersistedValue(ImportStatus status, ConversionContext context) {
            return status == null ? null : status.value();
        }

        @Override
        public ImportStatus convertToEntityValue(String value, ConversionContext context) {
            return value == null ? null : of(value);
        }
    }
}
