package com.returnsdrawer.orders.sync;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;

import java.util.Locale;

/**
 * How an import reads Shopify: a shop's first import as one bulk operation over its whole order history
 * ({@code bulk}), a reconciliation in pages of recently updated orders ({@code paged}). Stored in
 * {@code order_imports.kind} as the lower-case word.
 */
enum ImportKind {
    BULK, PAGED;

    String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Stores the kind as its lower-case word. */
    @Singleton
    static final class Column implements AttributeConverter<ImportKind, String> {
        @Override
        public String convertToPersistedValue(ImportKind kind, ConversionContext context) {
            return kind == null ? null : kind.value();
        }

        @Override
        public ImportKind convertToEntityValue(String value, ConversionContext context) {
            return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
