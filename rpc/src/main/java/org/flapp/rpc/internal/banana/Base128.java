package org.flapp.rpc.internal.banana;

import io.netty.buffer.ByteBuf;
import java.math.BigInteger;

/**
 * Banana's token headers: a non-negative integer in base 128, least significant 7-bit group
 * first, each byte below 0x80. Stateless.
 */
public final class Base128 {
    private Base128() {}

    /** Writes {@code value} (>= 0); zero is the single byte 00, as Foolscap's int2b128 does. */
    public static void write(ByteBuf out, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative header " + value);
        }
        do {
            out.writeByte((int) (value & 0x7f));
            value >>>= 7;
        } while (value != 0);
    }

    /** Writes a header of any size (used to echo a huge PING number). */
    public static void write(ByteBuf out, BigInteger value) {
        if (value.bitLength() < 63) {
            write(out, value.longValue());
            return;
        }
        BigInteger rest = value;
        BigInteger mask = BigInteger.valueOf(0x7f);
        do {
            out.writeByte(rest.and(mask).intValue());
            rest = rest.shiftRight(7);
        } while (rest.signum() != 0);
    }

    /**
     * The value of {@code length} header bytes starting at {@code index}, or -1 when it does not
     * fit in a (non-negative) long: the overflow check keeps a huge declared length from turning
     * negative and slipping under a limit.
     */
    public static long readLong(ByteBuf in, int index, int length) {
        long value = 0;
        for (int i = 0; i < length; i++) {
            long group = in.getByte(index + i) & 0x7f;
            int shift = 7 * i;
            if (group != 0 && (shift > 62 || (group << shift) >>> shift != group || (group << shift) < 0)) {
                return -1;
            }
            value |= group << shift;
        }
        return value;
    }

    /** The value of {@code length} header bytes starting at {@code index}, of any size. */
    public static BigInteger readBig(ByteBuf in, int index, int length) {
        BigInteger value = BigInteger.ZERO;
        for (int i = length - 1; i >= 0; i--) {
            value = value.shiftLeft(7).or(BigInteger.valueOf(in.getByte(index + i) & 0x7f));
        }
        return value;
    }
}
