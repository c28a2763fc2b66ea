package com.returnsdrawer.webhooks;

import com.returnsdrawer.crypto.SigningSecrets;
import jakarta.inject.Singleton;

/**
 * The one check of a webhook's origin: the base64 HMAC-SHA256 of the raw body, exactly as received, under the
 * current or previous client secret, compared in constant time
 * (shopify.dev: apps/build/webhooks/subscribe/https, "Verify the webhook").
 */
@Singleton
class WebhookVerifier {

    private final SigningSecrets secrets;

    WebhookVerifier(SigningSecrets secrets) {
        this.secrets = secrets;
    }

    boolean verify(byte[] rawBody, String hmacHeader) {
        return hmacHeader != null && secrets.verifyBase64(rawBody, hmacHeader);
    }
}
