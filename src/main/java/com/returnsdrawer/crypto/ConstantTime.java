package com.returnsdrawer.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Comparisons whose running time does not depend on where two secrets first differ. */
public final class ConstantTime {

    private ConstantTime() {
    }

    public static boolean equals(byte[] expected, byte[] actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected, actual);
    }

    public static boolean equals(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }
}
