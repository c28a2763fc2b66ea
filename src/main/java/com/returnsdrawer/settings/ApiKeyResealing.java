package com.returnsdrawer.settings;

import com.returnsdrawer.crypto.TokenCipher;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The background half of a key rotation for provider API keys: while {@code TOKEN_ENCRYPTION_KEY_PREVIOUS} is
 * set, seals every key an older key sealed with the current one, so the previous key can be dropped
 * (README, "Rotating the encryption key").
 */
@Singleton
class ApiKeyResealing {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyResealing.class);
    private static final int BATCH = 100;

    private final SettingsStore settings;
    private final TokenCipher cipher;

    ApiKeyResealing(SettingsStore settings, TokenCipher cipher) {
        this.settings = settings;
        this.cipher = cipher;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "${token.reseal-initial-delay:1m}")
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warn("re-encryption of provider API keys stopped: {}", e.getClass().getSimpleName());
        }
    }

    /** One pass over every row; returns how many keys were sealed again. */
    int run() {
        if (!cipher.hasOlderKeys()) {
            return 0;
        }
        int resealed = 0;
        long after = 0;
        while (true) {
            List<ReturnsSettings> batch = settings.sealedByOlderKey(after, BATCH);
            for (ReturnsSettings row : batch) {
                if (settings.resealProviderApiKey(row)) {
                    resealed++;
                }
                after = row.shopId();
            }
            if (batch.size() < BATCH) {
                break;
            }
        }
        if (resealed > 0) {
            LOG.info("re-encrypted {} provider API keys with the current key", resealed);
        }
        return resealed;
    }
}
