package com.returnsdrawer.session;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import com.returnsdrawer.crypto.ConstantTime;
import com.returnsdrawer.crypto.Hmac;
import io.micronaut.context.annotation.EachBean;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;

import java.nio.charset.StandardCharsets;

/**
 * Verifies one named {@code micronaut.security.token.jwt.signatures.secret.<name>} (the current and the previous
 * client secret) in place of the module's {@code SecretSignature}: HS256 only — the module would also accept
 * HS384/HS512 under the same key — any secret length (Nimbus' verifier refuses keys under 256 bits, and a client
 * secret is whatever Shopify issued), and the MAC compared in constant time. An empty secret verifies nothing.
 */
@EachBean(SecretSignatureConfiguration.class)
@Replaces(SecretSignature.class)
class ShopifySecretSignature implements SignatureConfiguration {

    private final byte[] secret;
    private final String name;

    ShopifySecretSignature(@Parameter SecretSignatureConfiguration config) {
        String value = config.getSecret() == null ? "" : config.getSecret();
        this.secret = value.getBytes(StandardCharsets.UTF_8);
        this.name = config.getName();
    }

    @Override
    public String supportedAlgorithmsMessage() {
        return "Only HS256 is supported for Shopify session tokens";
    }

    @Override
    public boolean supports(JWSAlgorithm algorithm) {
        return JWSAlgorithm.HS256.equals(algorithm);
    }

    @Override
    public boolean verify(SignedJWT jwt) {
        if (secret.length == 0 || !supports(jwt.getHeader().getAlgorithm())) {
            return false;
        }
        byte[] expected = Hmac.sha256(secret, jwt.getSigningInput());
        return ConstantTime.equals(expected, jwt.getSignature().decode());
    }

    @Override
    public String toString() {
        return "ShopifySecretSignature[" + name + "]";
    }
}
