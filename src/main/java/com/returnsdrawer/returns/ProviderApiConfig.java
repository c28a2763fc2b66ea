package com.returnsdrawer.returns;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code PROVIDER_API_TIMEOUT_MS}: the longest a shopper's return click waits for a provider's deep-link API before
 * the plain link is used. The providers' base URLs ({@code LOOP_API_BASE_URL}, {@code AFTERSHIP_API_BASE_URL}) are
 * the URLs of their HTTP clients ({@code micronaut.http.services.loop} and {@code .aftership} in application.yml).
 */
@ConfigurationProperties("provider-api")
public record ProviderApiConfig(@Bindable(defaultValue = "2000") int timeoutMs) {
}
