package com.returnsdrawer.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

/** HMAC-SHA256 in the encodings Shopify uses: lowercase hex (OAuth, app proxy) and padded base64 (webhooks). */
public final class Hmac {

    private static final String ALGORITHM = "HmacSHA256";

    private Hmac() {
    }

    /** Looking the algorithm up is the costly part, so each thread keeps one instance and only re-keys it. */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    });

    public static byte[] sha256(byte[] key, byte[] message) {
        try {
            Mac mac = MACS.get();
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public static String sha256Hex(byte[] key, byte[] message) {
        return HexFormat.of().formatHex(sha256(key, message));
    }

    public static String sha256Hex(String key, String message) {
        return sha256Hex(key.getBytes(StandardCharsets.UTF_8), message.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Base64(byte[] key, byte[] message) {
        return Base64.getEncoder().encodeToString(sha256(key, message));
    }
}
