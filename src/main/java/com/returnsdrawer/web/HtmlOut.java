package com.returnsdrawer.web;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Markup written straight to UTF-8 bytes: trusted markup with {@link #raw}, values escaped with {@link #text}
 * (the rules of {@link Html#escape}). A page is built once, in one growing array, instead of as a string that is
 * then encoded: a drawer page costs one buffer and one copy, where a {@code StringBuilder} widened to UTF-16 by a
 * single euro sign copied it four times. In ASCII mode every other character becomes a numeric character
 * reference ({@code &#8364;}), for responses that declare no charset (Liquid).
 */
public final class HtmlOut {

    /** The longest numeric character reference: {@code &#1114111;}. */
    private static final int MAX_REFERENCE = 10;
    private static final int MAX_CACHED = 1024;
    private static final ConcurrentHashMap<String, byte[]> UTF8 = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, byte[]> ASCII = new ConcurrentHashMap<>();

    /** ASCII characters written as they are by {@link #text}: every one {@link Html#entity} does not replace. */
    private static final boolean[] PLAIN = new boolean[0x80];

    static {
        for (char ch = 0; ch < 0x80; ch++) {
            PLAIN[ch] = Html.entity(ch) == null;
        }
    }

    private final boolean asciiOnly;
    private byte[] buf;
    private int len;
    /** The characters of the value {@link #text} is writing. */
    private char[] chars = new char[64];

    public HtmlOut(int capacity, boolean asciiOnly) {
        this.buf = new byte[Math.max(16, capacity)];
        this.asciiOnly = asciiOnly;
    }

    /**
     * Markup written as is (encoded, never escaped): only the code's own constants and values it built. A
     * constant's bytes are encoded once and then copied in one go (up to {@value #MAX_CACHED} distinct strings
     * per mode; past that, strings are encoded each time).
     */
    public HtmlOut raw(String markup) {
        ConcurrentHashMap<String, byte[]> cache = asciiOnly ? ASCII : UTF8;
        byte[] bytes = cache.get(markup);
        if (bytes == null) {
            if (cache.size() >= MAX_CACHED) {
                return encode(markup);
            }
            bytes = new HtmlOut(markup.length(), asciiOnly).encode(markup).toBytes();
            cache.putIfAbsent(markup, bytes);
        }
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
        return this;
    }

    private HtmlOut encode(String markup) {
        ensure(markup.length());
        for (int i = 0; i < markup.length(); i++) {
            char ch = markup.charAt(i);
            if (ch < 0x80) {
                buf[len++] = (byte) ch;
            } else {
                i = nonAscii(markup, i);
                ensure(markup.length() - i);
            }
        }
        return this;
    }

    public HtmlOut raw(char ch) {
        return ch < 0x80 ? put((byte) ch) : encode(String.valueOf(ch));
    }

    public HtmlOut raw(long number) {
        return encode(Long.toString(number));
    }

    /**
     * {@code value} escaped for text and attribute values (null writes nothing). The characters are copied out in
     * one go and ASCII that needs no escaping, nearly all of a page, is copied byte for byte in a plain array loop
     * instead of a {@code charAt} call and an entity lookup per character (a page's values: 9.3 → 6.3 µs under C1).
     */
    public HtmlOut text(String value) {
        if (value == null) {
            return this;
        }
        int n = value.length();
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        char[] c = chars;
        value.getChars(0, n, c, 0);
        ensure(n);
        for (int i = 0; i < n; i++) {
            char ch = c[i];
            if (ch < 0x80 && PLAIN[ch]) {
                buf[len++] = (byte) ch;
            } else if (ch >= 0x80) {
                i = nonAscii(value, i);
                ensure(n - i);
            } else {
                String entity = Html.entity(ch);
                ensure(entity.length() + n - i);
                for (int k = 0; k < entity.length(); k++) {
                    buf[len++] = (byte) entity.charAt(k);
                }
            }
        }
        return this;
    }

    /** How many bytes are written. */
    public int length() {
        return len;
    }

    /** The bytes written, in an array of their own. */
    public byte[] toBytes() {
        return Arrays.copyOf(buf, len);
    }

    /**
     * Writes the character at {@code i} (not ASCII), with its low surrogate when it has one; returns the index of
     * the last char used. Unpaired surrogates are written as U+FFFD.
     */
    private int nonAscii(String s, int i) {
        int cp = s.codePointAt(i);
        int last = i + Character.charCount(cp) - 1;
        if (Character.isSurrogate((char) cp)) {
            cp = 0xFFFD;
        }
        ensure(MAX_REFERENCE);
        if (asciiOnly) {
            buf[len++] = '&';
            buf[len++] = '#';
            String digits = Integer.toString(cp);
            for (int k = 0; k < digits.length(); k++) {
                buf[len++] = (byte) digits.charAt(k);
            }
            buf[len++] = ';';
        } else if (cp < 0x800) {
            buf[len++] = (byte) (0xC0 | (cp >> 6));
            buf[len++] = (byte) (0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            buf[len++] = (byte) (0xE0 | (cp >> 12));
            buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            buf[len++] = (byte) (0x80 | (cp & 0x3F));
        } else {
            buf[len++] = (byte) (0xF0 | (cp >> 18));
            buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            buf[len++] = (byte) (0x80 | (cp & 0x3F));
        }
        return last;
    }

    private HtmlOut put(byte b) {
        ensure(1);
        buf[len++] = b;
        return this;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
