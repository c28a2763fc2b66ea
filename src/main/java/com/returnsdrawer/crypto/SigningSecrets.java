package com.returnsdrawer.crypto;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The app's current client secret and, during a rotation, the previous one. Signatures are produced with the
 * current secret and accepted when they match either; every candidate is computed and compared in constant
 * time, so the result does not reveal which secret matched or where a forgery went wrong.
 */
public final class SigningSecrets {

    private final List<byte[]> secrets;

    public SigningSecrets(String current, String previous) {
        if (current == null || current.isEmpty()) {
            throw new IllegalArgumentException("the current secret is required");
        }
        List<byte[]> list = new ArrayList<>(2);
        list.add(current.getBytes(StandardCharsets.UTF_8));
        if (previous != null && !previous.isEmpty()) {
            list.add(previous.getBytes(StandardCharsets.UTF_8));
        }
        this.secrets = List.copyOf(list);
    }

    public byte[] current() {
        return secrets.get(0).clone();
    }

    public String signHex(byte[] message) {
        return Hmac.sha256Hex(secrets.get(0), message);
    }

    public String signBase64(byte[] message) {
        return Hmac.sha256Base64(secrets.get(0), message);
    }

    /** True when {@code providedHex} (either case) is the hex HMAC of {@code message} under any secret. */
    public boolean verifyHex(byte[] message, String providedHex) {
        if (providedHex == null || providedHex.length() != 64) {
            return false;
        }
        byte[] provided = providedHex.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        boolean ok = false;
        for (byte[] secret : secrets) {
            ok |= ConstantTime.equals(Hmac.sha256Hex(secret, message).getBytes(StandardCharsets.US_ASCII), provided);
        }
        return ok;
    }

    /** True when {@code providedBase64} is the standard base64 HMAC of {@code message} under any secret. */
    public boolean verifyBase64(byte[] message, String providedBase64) {
        if (providedBase64 == null || providedBase64.length() != 44) {
            return false;
        }
        byte[] provided = providedBase64.getBytes(StandardCharsets.US_ASCII);
        boolean ok = false;
        for (byte[] secret : secrets) {
            ok |= ConstantTime.equals(Hmac.sha256Base64(secret, message).getBytes(StandardCharsets.US_ASCII), provided);
        }
        return ok;
    }

    /** Every secret, current first, for verifiers (such as JWT) that need the raw key. */
    public List<byte[]> all() {
        return secrets.stream().map(byte[]::clone).toList();
    }
}
