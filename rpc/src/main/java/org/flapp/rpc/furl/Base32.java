package org.flapp.rpc.furl;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Foolscap's base32: the RFC 4648 alphabet {@code a-z2-7}, lower case, without {@code =} padding.
 * TubIDs (20-byte SHA-1 digests) and swissnums (160 random bits) are both 32 characters of it.
 *
 * <p>Foolscap itself only encodes and checks; {@link #decode} is an extra, the standard RFC 4648
 * decoding of the unpadded form. Stateless and thread-safe.
 */
public final class Base32 {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    /** 160 bits, as Foolscap's swissnums: 20 bytes, 32 characters. */
    private static final int SWISSNUM_BYTES = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Base32() {}

    /** Lower-case, unpadded base32 of {@code data}: 5 bytes become 8 characters. */
    public static String encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bitsInBuffer = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bitsInBuffer += 8;
            while (bitsInBuffer >= 5) {
                bitsInBuffer -= 5;
                out.append(ALPHABET.charAt((buffer >>> bitsInBuffer) & 0x1f));
            }
        }
        if (bitsInBuffer > 0) {
            // the last group is padded with zero bits on the right, as RFC 4648 does
            out.append(ALPHABET.charAt((buffer << (5 - bitsInBuffer)) & 0x1f));
        }
        return out.toString();
    }

    /**
     * Foolscap's validity check: every character of the lower-cased text is in the alphabet. So
     * upper case passes, the empty string passes, and the length is not checked. Lower-casing is
     * Unicode's (as Python's {@code str.lower}), which turns e.g. the Kelvin sign into {@code k}.
     */
    public static boolean isBase32(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            if (ALPHABET.indexOf(lower.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes unpadded base32 (either case). Not a Foolscap operation; the protocol never needs
     * it, but it is handy to turn a TubID back into its SHA-1 digest.
     *
     * @throws IllegalArgumentException for a character outside the alphabet or a length that no
     *     byte string encodes to (1, 3 or 6 characters modulo 8)
     */
    public static byte[] decode(String text) {
        int tail = text.length() % 8;
        if (tail == 1 || tail == 3 || tail == 6) {
            throw new IllegalArgumentException(
                    "base32 text of " + text.length() + " characters cannot be a whole number of bytes");
        }
        byte[] out = new byte[text.length() * 5 / 8];
        int buffer = 0;
        int bitsInBuffer = 0;
        int written = 0;
        for (int i = 0; i < text.length(); i++) {
            int value = ALPHABET.indexOf(Character.toLowerCase(text.charAt(i)));
            if (value < 0) {
                throw new IllegalArgumentException(
                        "character " + i + " of the base32 text is not in a-z2-7: '" + text.charAt(i) + "'");
            }
            buffer = (buffer << 5) | value;
            bitsInBuffer += 5;
            if (bitsInBuffer >= 8) {
                bitsInBuffer -= 8;
                out[written++] = (byte) (buffer >>> bitsInBuffer);
            }
        }
        return out;
    }

    /**
     * A fresh secret name for a published object: 160 bits from {@link SecureRandom}, encoded
     * as 32 characters, as Foolscap makes its swissnums.
     */
    public static String randomSwissnum() {
        byte[] bytes = new byte[SWISSNUM_BYTES];
        RANDOM.nextBytes(bytes);
        return encode(bytes);
    }
}
