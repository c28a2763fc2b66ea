package com.returnsdrawer.settings;

import com.returnsdrawer.orders.ReturnTrigger;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;

/** Stores a {@link ReturnTrigger} as its lower-case code, the strings the {@code return_trigger} column holds. */
@Singleton
class ReturnTriggerConverter implements AttributeConverter<ReturnTrigger, String> {

    @Override
    public String convertToPersistedValue(ReturnTrigger trigger, ConversionContext context) {
        return trigger == null ? null : trigger.code();
    }

    @Override
    public ReturnTrigger convertToEntityValue(String code, ConversionContext context) {
        return code == null ? null : ReturnTrigger.fromCode(code).orElse(ReturnTrigger.DELIVERED);
    }
}
