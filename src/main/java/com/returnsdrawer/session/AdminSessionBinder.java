package com.returnsdrawer.session;

import com.returnsdrawer.shopify.ShopDomain;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Hands controllers the {@link AdminSession} that {@link SessionTokenAuthentication} established. */
@Singleton
class AdminSessionBinder implements TypedRequestArgumentBinder<AdminSession> {

    @Override
    public Argument<AdminSession> argumentType() {
        return Argument.of(AdminSession.class);
    }

    @Override
    public BindingResult<AdminSession> bind(ArgumentConversionContext<AdminSession> context, HttpRequest<?> source) {
        Optional<Authentication> auth = source.getUserPrincipal(Authentication.class);
        if (auth.isEmpty() || !(auth.get().getAttributes().get(SessionTokenAuthentication.SHOP_ID) instanceof Number id)) {
            return BindingResult.unsatisfied();
        }
        Object user = auth.get().getAttributes().get(SessionTokenAuthentication.USER_ID);
        AdminSession session = new AdminSession(id.longValue(), new ShopDomain(auth.get().getName()),
                user == null ? null : user.toString());
        return () -> Optional.of(session);
    }
}
