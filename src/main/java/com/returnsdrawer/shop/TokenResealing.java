package com.returnsdrawer.shop;

import com.returnsdrawer.crypto.TokenCipher;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The background half of a key rotation for shops' tokens: while {@code TOKEN_ENCRYPTION_KEY_PREVIOUS} is set,
 * seals every token an older key sealed with the current one (reading a token does the same for that shop), so
 * the previous key can be dropped (README, "Rotating the encryption key").
 */
@Singleton
class TokenResealing {

    private static final Logger LOG = LoggerFactory.getLogger(TokenResealing.class);
    private static final int BATCH = 100;

    private final ShopStore shops;
    private final ShopTokens tokens;
    private final TokenCipher cipher;

    TokenResealing(ShopStore shops, ShopTokens tokens, TokenCipher cipher) {
        this.shops = shops;
        this.tokens = tokens;
        this.cipher = cipher;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "${token.reseal-initial-delay:1m}")
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warn("re-encryption of tokens stopped: {}", e.getClass().getSimpleName());
        }
    }

    /** One pass over every shop; returns how many shops' tokens were sealed again. */
    int run() {
        if (!cipher.hasOlderKeys()) {
            return 0;
        }
        int resealed = 0;
        long after = 0;
        while (true) {
            List<ShopStore.Sealed> batch = shops.withTokensNotSealedBy(cipher.currentPrefix(), after, BATCH);
            for (ShopStore.Sealed shop : batch) {
                if (tokens.reseal(shop.domain())) {
                    resealed++;
                }
                after = shop.id();
            }
            if (batch.size() < BATCH) {
                break;
            }
        }
        if (resealed > 0) {
            LOG.info("re-encrypted the tokens of {} shops with the current key", resealed);
        }
        return resealed;
    }
}
