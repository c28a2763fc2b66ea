package com.returnsdrawer.compliance;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/**
 * The mandatory compliance topics a request came from (shopify.dev: apps/build/compliance/privacy-law-compliance),
 * named in JSON and in the database as they always were.
 */
@Serdeable
enum ComplianceKind {
    CUSTOMERS_DATA_REQUEST("customers_data_request"),
    CUSTOMERS_REDACT("customers_redact"),
    SHOP_REDACT("shop_redact");

    private final String value;

    ComplianceKind(String value) {
        this.value = value;
    }

    @JsonValue
    String value() {
        return value;
    }

    static ComplianceKind of(String value) {
        for (ComplianceKind kind : values()) {
            if (kind.value.equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown compliance kind " + value);
    }

    /** The {@code kind} column. */
    @Singleton
    static class Column implements AttributeConverter<ComplianceKind, String> {
        @Override
        public String convertToPersistedValue(@Nullable ComplianceKind kind, ConversionContext context) {
            return kind == null ? null : kind.value;
        }

        @Override
        public ComplianceKind convertToEntityValue(@Nullable String value, ConversionContext context) {
            return value == null ? null : of(value);
        }
    }
}
