package com.returnsdrawer.shop;

import com.returnsdrawer.crypto.TokenCipher;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.util.Base64;

/** {@code TOKEN_ENCRYPTION_KEY}: base64 of the 32-byte AES key that seals tokens and provider API keys at rest. */
@ConfigurationProperties("token")
public record TokenEncryptionConfig(String encryptionKey) {

    @Factory
    static class CipherFactory {
        @Singleton
        TokenCipher tokenCipher(TokenEncryptionConfig config) {
            return new TokenCipher(Base64.getDecoder().decode(config.encryptionKey().trim()));
        }
    }
}
