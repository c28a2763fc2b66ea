package com.returnsdrawer.shop;

import com.returnsdrawer.crypto.TokenCipher;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.Base64;
import java.util.List;

/**
 * {@code TOKEN_ENCRYPTION_KEY}: base64 of the 32-byte AES key that seals tokens and provider API keys at rest;
 * {@code TOKEN_ENCRYPTION_KEY_PREVIOUS}: the key before it, only opening values (README, "Rotating the
 * encryption key").
 */
@ConfigurationProperties("token")
public record TokenEncryptionConfig(String encryptionKey, @Nullable String encryptionKeyPrevious) {

    /** Names the keys by their ids only: a key never reaches a log line. */
    @Override
    public String toString() {
        return "TokenEncryptionConfig[encryptionKey=" + id(encryptionKey) + ", encryptionKeyPrevious="
                + id(encryptionKeyPrevious) + "]";
    }

    private static String id(String key) {
        if (key == null || key.isBlank()) {
            return "none";
        }
        try {
            return "key " + TokenCipher.keyId(Base64.getDecoder().decode(key.trim()));
        } catch (IllegalArgumentException e) {
            return "(malformed)";
        }
    }

    @Factory
    static class CipherFactory {
        @Singleton
        TokenCipher tokenCipher(TokenEncryptionConfig config) {
            byte[] current = Base64.getDecoder().decode(config.encryptionKey().trim());
            String previous = config.encryptionKeyPrevious();
            return new TokenCipher(current, previous == null || previous.isBlank() ? List.of()
                    : List.of(Base64.getDecoder().decode(previous.trim())));
        }
    }
}
