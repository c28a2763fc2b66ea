package com.returnsdrawer.proxy;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Hands controllers the {@link ProxyRequest} that {@link ProxyFilter} verified. */
@Singleton
class ProxyRequestBinder implements TypedRequestArgumentBinder<ProxyRequest> {

    @Override
    public Argument<ProxyRequest> argumentType() {
        return Argument.of(ProxyRequest.class);
    }

    @Override
    public BindingResult<ProxyRequest> bind(ArgumentConversionContext<ProxyRequest> context, HttpRequest<?> source) {
        Optional<ProxyRequest> verified = source.getAttribute(ProxyFilter.ATTRIBUTE, ProxyRequest.class);
        return verified.isPresent() ? () -> verified : BindingResult.unsatisfied();
    }
}
