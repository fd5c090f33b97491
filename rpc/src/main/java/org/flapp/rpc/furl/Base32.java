package org.flapp.rpc.furl;

/** Foolscap's base32: RFC 4648 alphabet, lower case, no padding. */
public final class Base32 {
    private Base32() {}

    public static String encode(byte[] data) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Foolscap's check: every character, lower-cased, is in the alphabet (empty passes). */
    public static boolean isBase32(String text) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
