package com.returnsdrawer.account;

import com.returnsdrawer.session.CustomerSession;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Hands controllers the {@link CustomerSession} that {@link CustomerAccountFilter} verified. */
@Singleton
class CustomerSessionBinder implements TypedRequestArgumentBinder<CustomerSession> {

    @Override
    public Argument<CustomerSession> argumentType() {
        return Argument.of(CustomerSession.class);
    }

    @Override
    public BindingResult<CustomerSession> bind(ArgumentConversionContext<CustomerSession> context, HttpRequest<?> source) {
        Optional<CustomerSession> verified = source.getAttribute(CustomerAccountFilter.ATTRIBUTE, CustomerSession.class);
        return verified.isPresent() ? () -> verified : BindingResult.unsatisfied();
    }
}
