package com.returnsdrawer.account;

import com.returnsdrawer.crypto.ConstantTime;
import com.returnsdrawer.crypto.Hmac;
import com.returnsdrawer.crypto.SigningSecrets;
import com.returnsdrawer.shopify.ShopDomain;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Return tickets: the link behind the customer-account "Start a return" button, opened by a plain browser
 * navigation that carries no session token. A ticket names the shop, the customer and the order, expires
 * {@link #LIFETIME} after it was issued, and is signed with HMAC-SHA256 under a key derived from the client
 * secret (current or, while rotating, previous), so only this app can make one and no byte of it can be changed.
 *
 * <p>Layout, base64url without padding: version (1 byte) · expiry, epoch seconds (8) · customer id (8) · order id
 * (8) · shop domain (ASCII) · the first 16 bytes of the HMAC over everything before it. Only the canonical encoding
 * is accepted, so each ticket has one spelling.
 */
@Singleton
public class ReturnTickets {

    public static final Duration LIFETIME = Duration.ofMinutes(10);

    private static final byte VERSION = 1;
    private static final int FIXED = 1 + 8 + 8 + 8;
    private static final int MAC = 16;
    /** The longest ticket: base64 of the fixed fields, the longest shop domain (255) and the MAC. */
    private static final int MAX_CHARS = (FIXED + 255 + MAC + 2) / 3 * 4;
    /** The ticket key is the client secret's HMAC of this label, so a ticket is no signature of anything else. */
    private static final byte[] LABEL = "returns-drawer/return-ticket/v1".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** What a valid ticket names. */
    public record Ticket(ShopDomain shop, long customerId, long orderId) {
    }

    private final List<byte[]> keys;

    @Inject
    ReturnTickets(SigningSecrets secrets) {
        this.keys = secrets.all().stream().map(secret -> Hmac.sha256(secret, LABEL)).toList();
    }

    /** A ticket for {@code customerId}'s order {@code orderId} in {@code shop}, valid until {@code issuedAt} + 10 min. */
    public String issue(ShopDomain shop, long customerId, long orderId, Instant issuedAt) {
        byte[] domain = shop.value().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer payload = ByteBuffer.allocate(FIXED + domain.length + MAC);
        payload.put(VERSION).putLong(issuedAt.plus(LIFETIME).getEpochSecond()).putLong(customerId).putLong(orderId)
                .put(domain);
        byte[] bytes = payload.array();
        System.arraycopy(mac(keys.get(0), bytes, bytes.length - MAC), 0, bytes, bytes.length - MAC, MAC);
        return ENCODER.encodeToString(bytes);
    }

    /** The ticket's contents when it is this app's, unaltered and not expired at {@code now}; else empty. */
    public Optional<Ticket> verify(@Nullable String ticket, Instant now) {
        byte[] bytes = decode(ticket);
        if (bytes == null) {
            return Optional.empty();
        }
        int signed = bytes.length - MAC;
        byte[] provided = Arrays.copyOfRange(bytes, signed, bytes.length);
        boolean valid = false;
        for (byte[] key : keys) {
            valid |= ConstantTime.equals(mac(key, bytes, signed), provided);
        }
        if (!valid) {
            return Optional.empty();
        }
        ByteBuffer payload = ByteBuffer.wrap(bytes, 0, signed);
        if (payload.get() != VERSION || now.getEpochSecond() > payload.getLong()) {
            return Optional.empty();
        }
        long customerId = payload.getLong();
        long orderId = payload.getLong();
        String domain = new String(bytes, FIXED, signed - FIXED, StandardCharsets.US_ASCII);
        return ShopDomain.parse(domain).filter(s -> s.value().equals(domain))
                .map(shop -> new Ticket(shop, customerId, orderId));
    }

    /** The bytes of a canonically encoded ticket of plausible length, else null. */
    private static byte[] decode(@Nullable String ticket) {
        if (ticket == null || ticket.length() > MAX_CHARS) {
            return null;
        }
        for (int i = 0; i < ticket.length(); i++) {
            char c = ticket.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return null;
            }
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(ticket);
        } catch (IllegalArgumentException e) {
            return null;
        }
        // Base64's last character may carry unused bits: a ticket with them changed decodes to the same bytes.
        if (bytes.length <= FIXED + MAC || !ENCODER.encodeToString(bytes).equals(ticket)) {
            return null;
        }
        return bytes;
    }

    private static byte[] mac(byte[] key, byte[] bytes, int length) {
        return Arrays.copyOf(Hmac.sha256(key, Arrays.copyOf(bytes, length)), MAC);
    }
}
