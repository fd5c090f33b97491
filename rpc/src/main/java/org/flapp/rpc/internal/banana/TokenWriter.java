package org.flapp.rpc.internal.banana;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Writes Banana tokens into a buffer. Every byte string equal to a word of the agreed vocabulary
 * table goes out as a VOCAB token (docs/protocol.md, "Vocabulary": not only open-type names, also
 * payload bytes). Integers pick INT/NEG/LONGINT/LONGNEG with Foolscap's thresholds so the bytes
 * match a Python sender's. Not thread-safe; one writer per buffer being filled.
 *
 * <p>A writer made with an allocator sends byte strings of {@link #WRAP_FROM} bytes or more from
 * their own array: the array becomes a part of the message (a {@link CompositeByteBuf}) instead of
 * being copied into the buffer. An upload block is 1 MiB; copied, it made a buffer larger than
 * the allocator's pooled chunks, so every block was a fresh native allocation, and its array was
 * copied twice on its way to the TLS engine. Such an array must not change until it is written
 * (callers hand over byte arrays they no longer touch).
 */
public final class TokenWriter {
    private static final long INT_LIMIT = 1L << 31; // INT below, LONGINT from here on
    private static final BigInteger BIG_INT_LIMIT = BigInteger.valueOf(INT_LIMIT);
    private static final BigInteger BIG_NEG_LIMIT = BigInteger.valueOf(-INT_LIMIT);

    /** Byte strings from this length on are wrapped, not copied, by a writer with an allocator. */
    public static final int WRAP_FROM = 64 * 1024;
    /** Tokens after a wrapped body are few (closing a call or an answer): a small buffer. */
    private static final int AFTER_WRAPPED = 64;

    private final ByteBufAllocator alloc;
    private final VocabTable vocab;
    private ByteBuf out;
    private CompositeByteBuf parts;

    /** A writer that copies every token into {@code out}. */
    public TokenWriter(ByteBuf out, VocabTable vocab) {
        this(null, out, vocab);
    }

    /** A writer that starts in {@code out} and wraps long byte strings (see the class comment). */
    public TokenWriter(ByteBufAllocator alloc, ByteBuf out, VocabTable vocab) {
        this.alloc = alloc;
        this.out = out;
        this.vocab = vocab;
    }

    /**
     * What was written: the first buffer itself, or, after a wrapped byte string, one composite of
     * it, the wrapped arrays and the buffers between them. Its release releases all of them.
     */
    public ByteBuf finish() {
        if (parts == null) {
            return out;
        }
        if (out != null) {
            parts.addComponent(true, out);
            out = null;
        }
        CompositeByteBuf whole = parts;
        parts = null;
        return whole;
    }

    public void writeOpen(long openId) {
        header(openId, Tokens.OPEN);
    }

    public void writeClose(long openId) {
        header(openId, Tokens.CLOSE);
    }

    /** A byte string: VOCAB when it is a word of the table, otherwise STRING. */
    public void writeString(byte[] bytes) {
        int index = vocab.indexOf(bytes);
        if (index >= 0) {
            header(index, Tokens.VOCAB);
            return;
        }
        header(bytes.length, Tokens.STRING);
        if (alloc != null && bytes.length >= WRAP_FROM) {
            wrap(bytes);
        } else {
            out.writeBytes(bytes);
        }
    }

    private void wrap(byte[] bytes) {
        if (parts == null) {
            parts = alloc.compositeBuffer(Integer.MAX_VALUE);   // never consolidated: that would copy
        }
        parts.addComponent(true, out);
        out = null;   // the composite owns it now; should the next allocation fail, finish() skips it
        parts.addComponent(true, Unpooled.wrappedBuffer(bytes));
        out = alloc.buffer(AFTER_WRAPPED);
    }

    /** An ASCII word (open-type names, attribute names), vocabulary-substituted. */
    public void writeString(String asciiWord) {
        int index = vocab.indexOf(asciiWord);
        if (index >= 0) {
            header(index, Tokens.VOCAB);
        } else {
            writeString(asciiWord.getBytes(StandardCharsets.UTF_8));
        }
    }

    public void writeInt(long value) {
        if (value >= 0 && value < INT_LIMIT) {
            header(value, Tokens.INT);
        } else if (value < 0 && value >= -INT_LIMIT) {
            header(-value, Tokens.NEG);
        } else {
            writeInt(BigInteger.valueOf(value));
        }
    }

    public void writeInt(BigInteger value) {
        if (value.compareTo(BIG_NEG_LIMIT) >= 0 && value.compareTo(BIG_INT_LIMIT) < 0) {
            writeInt(value.longValue());
            return;
        }
        byte[] magnitude = value.abs().toByteArray();
        int skip = magnitude[0] == 0 ? 1 : 0; // toByteArray adds a sign byte; Foolscap sends none
        header(magnitude.length - skip, value.signum() > 0 ? Tokens.LONGINT : Tokens.LONGNEG);
        out.writeBytes(magnitude, skip, magnitude.length - skip);
    }

    /** FLOAT has no header: the type byte, then the IEEE-754 bits big-endian (NaN bits kept). */
    public void writeFloat(double value) {
        out.writeByte(Tokens.FLOAT);
        out.writeLong(Double.doubleToRawLongBits(value));
    }

    /** PING/PONG number 0 is sent without a header byte, as Foolscap does. */
    public void writePing(BigInteger number) {
        pingPong(number, Tokens.PING);
    }

    public void writePong(BigInteger number) {
        pingPong(number, Tokens.PONG);
    }

    /** An ERROR token; messages over 1000 bytes are cut to 990 bytes + "...", as Foolscap does. */
    public void writeError(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > CodecLimits.MAX_ERROR_LENGTH) {
            byte[] cut = new byte[CodecLimits.MAX_ERROR_LENGTH - 10 + 3];
            System.arraycopy(bytes, 0, cut, 0, CodecLimits.MAX_ERROR_LENGTH - 10);
            cut[cut.length - 3] = '.';
            cut[cut.length - 2] = '.';
            cut[cut.length - 1] = '.';
            bytes = cut;
        }
        header(bytes.length, Tokens.ERROR);
        out.writeBytes(bytes);
    }

    private void pingPong(BigInteger number, int type) {
        if (number.signum() != 0) {
            Base128.write(out, number);
        }
        out.writeByte(type);
    }

    private void header(long value, int type) {
        Base128.write(out, value);
        out.writeByte(type);
    }
}
