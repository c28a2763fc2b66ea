package com.returnsdrawer.crypto;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AES-256-GCM encryption of secrets at rest (access and refresh tokens, provider API keys).
 *
 * <p>A stored value reads {@code v1.<key id>.<base64url(nonce || ciphertext || tag)>}: a fresh random 96-bit
 * nonce per value, and the id of the key that sealed it, so keys can be rotated later by adding the new key
 * while older ones still decrypt. The caller's {@code context} (for example the shop and the column) is bound
 * as associated data, so a value copied to another row fails to decrypt.
 *
 * <p>A value that opened once is remembered, keyed by the sealed value and its context, so a secret read on a hot path
 * (a provider API key on every return click) is not decrypted again each time (docs/performance.md, "Provider deep
 * links without a waiting thread"). That can never answer a stale secret: a secret that is replaced is sealed anew
 * under a fresh nonce, so it is another sealed value, and a removed one is never asked for; and the keys that open
 * values do not change while the process runs. Only values that authenticated are remembered, at most
 * {@value #REMEMBERED} (then the memory starts over).
 */
public final class TokenCipher {

    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    static final int REMEMBERED = 1024;

    private final SecureRandom random = new SecureRandom();
    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    /** Values that opened, by context and sealed value. */
    private final Map<Sealed, String> opened = new ConcurrentHashMap<>();

    private record Sealed(String context, String stored) {
    }

    /** @param current the 32-byte key that seals new values; {@code older} keys only open values. */
    public TokenCipher(byte[] current, List<byte[]> older) {
        this.currentKeyId = add(current);
        for (byte[] key : older) {
            add(key);
        }
    }

    public TokenCipher(byte[] current) {
        this(current, List.of());
    }

    private String add(byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("an AES-256 key is 32 bytes");
        }
        String id = keyId(key);
        keys.putIfAbsent(id, new SecretKeySpec(key, "AES"));
        return id;
    }

    /** The first 8 hex digits of SHA-256 of the key: names the key without revealing it. */
    public static String keyId(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The start of every value sealed by the current key; a value without it needs re-encrypting. */
    public String currentPrefix() {
        return VERSION + "." + currentKeyId + ".";
    }

    /** True when an older key is configured (a rotation is under way), so values may need sealing again. */
    public boolean hasOlderKeys() {
        return keys.size() > 1;
    }

    /** True when {@code stored} was sealed by an older key (it still opens, but should be sealed again). */
    public boolean sealedByOlderKey(String stored) {
        return stored != null && !stored.startsWith(currentPrefix());
    }

    public String encrypt(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(context));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return VERSION + "." + currentKeyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** @throws DecryptionException when the value is malformed, sealed by an unknown key or tampered with */
    public String decrypt(String stored, String context) {
        if (stored == null) {
            throw new DecryptionException("no value");
        }
        Sealed remembered = new Sealed(context == null ? "" : context, stored);
        String plain = opened.get(remembered);
        if (plain == null) {
            plain = open(stored, context);
            if (opened.size() >= REMEMBERED) {
                opened.clear();
            }
            opened.put(remembered, plain);
        }
        return plain;
    }

    private String open(String stored, String context) {
        String[] parts = stored.split("\\.", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new DecryptionException("unknown format");
        }
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) {
            throw new DecryptionException("sealed by unknown key " + parts[1]);
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(parts[2]);
            if (in.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new DecryptionException("truncated value");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(aad(context));
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new DecryptionException("value does not authenticate");
        }
    }

    private static byte[] aad(String context) {
        return (context == null ? "" : context).getBytes(StandardCharsets.UTF_8);
    }

    /** A stored secret that cannot be opened; the message never contains the value. */
    public static final class DecryptionException extends RuntimeException {
        public DecryptionException(String message) {
            super(message);
        }
    }
}
