package com.returnsdrawer.db;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.convert.TypeConverter;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Reads a computed truth value ({@code access_token IS NOT NULL AS has_token}) into a {@code boolean}: MySQL and
 * MariaDB have no boolean type and answer such an expression as a number (0 or 1), where the embedded database
 * answers a boolean.
 */
@Singleton
class NumberToBoolean implements TypeConverter<Number, Boolean> {

    @Override
    public Optional<Boolean> convert(Number value, Class<Boolean> targetType, ConversionContext context) {
        return value == null ? Optional.empty() : Optional.of(value.longValue() != 0);
    }
}
