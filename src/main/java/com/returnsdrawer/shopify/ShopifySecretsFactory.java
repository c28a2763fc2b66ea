package com.returnsdrawer.shopify;

import com.returnsdrawer.crypto.SigningSecrets;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Makes the client secrets available to each channel's verifier. */
@Factory
class ShopifySecretsFactory {

    @Singleton
    SigningSecrets signingSecrets(ShopifyConfig config) {
        return config.secrets();
    }
}
