package com.returnsdrawer.returns;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.retry.annotation.RetryPredicate;

import java.util.concurrent.TimeoutException;

/**
 * Which failures of a deep-link call count towards opening a provider's circuit: the provider not answering (no
 * connection, a timeout) or answering 5xx or 429. A 4xx is about one shop's key or order, not the provider, so it
 * never opens the circuit that every shop on that provider shares.
 */
@Introspected
class ProviderDown implements RetryPredicate {

    @Override
    public boolean test(Throwable failure) {
        if (failure instanceof HttpClientResponseException response) {
            int status = response.code();
            return status >= 500 || status == 429;
        }
        return failure instanceof HttpClientException || failure instanceof TimeoutException;
    }
}
