package org.flapp.rpc.internal.banana;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** A small builder for hand-made Banana bytes, for tests (no vocabulary substitution). */
public final class Wire {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public static Wire of() {
        return new Wire();
    }

    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    public Wire header(long value, int type) {
        do {
            out.write((int) (value & 0x7f));
            value >>>= 7;
        } while (value != 0);
        out.write(type);
        return this;
    }

    public Wire open(long id) {
        return header(id, Tokens.OPEN);
    }

    public Wire close(long id) {
        return header(id, Tokens.CLOSE);
    }

    public Wire abort(long id) {
        return header(id, Tokens.ABORT);
    }

    /** INT for v >= 0, NEG for v < 0 (any size representable by a long magnitude). */
    public Wire integer(long v) {
        return v >= 0 ? header(v, Tokens.INT) : header(-v, Tokens.NEG);
    }

    public Wire vocab(int index) {
        return header(index, Tokens.VOCAB);
    }

    public Wire str(String text) {
        return bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    public Wire bytes(byte[] body) {
        header(body.length, Tokens.STRING);
        out.writeBytes(body);
        return this;
    }

    public Wire longInt(BigInteger v) {
        byte[] mag = v.abs().toByteArray();
        int skip = mag[0] == 0 ? 1 : 0;
        header(mag.length - skip, v.signum() < 0 ? Tokens.LONGNEG : Tokens.LONGINT);
        out.write(mag, skip, mag.length - skip);
        return this;
    }

    public Wire flt(double v) {
        out.write(Tokens.FLOAT);
        out.writeBytes(ByteBuffer.allocate(8).putDouble(v).array());
        return this;
    }

    public Wire ping(long n) {
        return header(n, Tokens.PING);
    }

    public Wire pong(long n) {
        return header(n, Tokens.PONG);
    }

    public Wire error(String message) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        header(body.length, Tokens.ERROR);
        out.writeBytes(body);
        return this;
    }

    /** Any bytes, verbatim. */
    public Wire raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    public Wire raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** Open-type shortcut: OPEN(id) STRING(type). */
    public Wire open(long id, String type) {
        return open(id).str(type);
    }

    /** OPEN(id) 'unicode' STRING CLOSE(id). */
    public Wire text(long id, String text) {
        return open(id, "unicode").str(text).close(id);
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    public String hexString() {
        return HexFormat.of().formatHex(bytes());
    }
}
