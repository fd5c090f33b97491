package org.flapp.rpc.internal.banana;

import io.netty.buffer.ByteBuf;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Splits a Banana byte stream into {@link Token}s: a state machine with three states, each with
 * its own method. {@code HEADER} waits for a complete header and type byte (at most 64 header
 * bytes, else fatal), then asks a {@link Gate} whether the token is wanted <em>before</em> any
 * body byte is buffered. {@code BODY} copies an admitted body into its array as it arrives, so
 * the inbound buffer is consumed at once instead of gathering a large body (an upload block of
 * 1 MiB) and copying it out at the end. The array starts at 64 KiB and doubles, so it is at
 * most twice the bytes that have arrived (or 64 KiB), and never longer than the admitted length:
 * a peer gets no more memory per byte sent than the buffer gathering them used to give it.
 * {@code SKIP} throws away the body of a refused token as it arrives, so a huge declared length
 * never allocates.
 *
 * <p>Fatal stream errors ({@link BananaProtocolException}) use Foolscap's wording: an over-long
 * header, an invalid type byte, the obsolete LIST byte, an oversized ERROR token. Not
 * thread-safe: one reader per connection, used on its event loop.
 */
public final class TokenReader {
    /** Decides, before a token's body is read, whether it is wanted. */
    public interface Gate {
        /**
         * Called for every token except PING, PONG and ERROR, which are always legal.
         *
         * @param type       the type byte
         * @param header     the header value, -1 when it does not fit in a long
         * @param bodyLength the body length (STRING/LONGINT/LONGNEG: the header; FLOAT: 8; else 0),
         *                   {@link Long#MAX_VALUE} when the header overflowed
         * @param wireLength header bytes + type byte + body length (saturated)
         * @return true to read the token, false to drop it (its body is skipped unread)
         * @throws BananaProtocolException to fail the connection
         */
        boolean admit(int type, long header, long bodyLength, long wireLength);
    }

    /** The first array a body is gathered in, unless the body is shorter. */
    static final int FIRST_BODY_ARRAY = 64 * 1024;

    private enum State { HEADER, BODY, SKIP }

    private State state = State.HEADER;
    private int type;
    private long header;
    private BigInteger bigHeader;
    private long remaining;
    /** The body being filled in state BODY (null until its first byte arrives), and its fill. */
    private byte[] body;
    private int filled;

    /**
     * Reads the next complete token from {@code in}, consuming its bytes, or returns null when
     * more bytes are needed (whatever could be consumed safely has been).
     */
    public Token read(ByteBuf in, Gate gate) {
        while (true) {
            switch (state) {
                case HEADER -> {
                    Token token = readHeader(in, gate);
                    if (token != null || state == State.HEADER) {
                        return token;
                    }
                }
                case BODY -> {
                    return readBody(in);
                }
                case SKIP -> {
                    return skipBody(in);
                }
            }
        }
    }

    private Token readHeader(ByteBuf in, Gate gate) {
        int start = in.readerIndex();
        int available = in.readableBytes();
        int headerLength = -1;
        int scan = Math.min(available, CodecLimits.MAX_HEADER_BYTES + 1);
        for (int i = 0; i < scan; i++) {
            if ((in.getByte(start + i) & 0x80) != 0) {
                headerLength = i;
                break;
            }
        }
        if (headerLength < 0) {
            if (available > CodecLimits.MAX_HEADER_BYTES) {
                throw new BananaProtocolException("token prefix is limited to 64 bytes");
            }
            return null;
        }
        type = in.getByte(start + headerLength) & 0xff;
        header = headerLength == 0 ? 0 : Base128.readLong(in, start, headerLength);
        bigHeader = header < 0 ? Base128.readBig(in, start, headerLength) : null;
        checkType(type, header);
        in.skipBytes(headerLength + 1);

        long bodyLength = switch (type) {
            case Tokens.STRING, Tokens.LONGINT, Tokens.LONGNEG, Tokens.ERROR ->
                    header < 0 ? Long.MAX_VALUE : header;
            case Tokens.FLOAT -> 8;
            default -> 0;
        };
        boolean admitted = true;
        if (type != Tokens.PING && type != Tokens.PONG && type != Tokens.ERROR) {
            long wire = bodyLength > Long.MAX_VALUE - 66 ? Long.MAX_VALUE : headerLength + 1 + bodyLength;
            admitted = gate.admit(type, header, bodyLength, wire);
        }
        if (bodyLength == 0) {
            return new Token(type, header, bigHeader, Tokens.hasLengthHeader(type) && admitted ? new byte[0] : null,
                    !admitted);
        }
        remaining = bodyLength;
        state = admitted ? State.BODY : State.SKIP;
        return null;
    }

    private static void checkType(int type, long header) {
        if (type == Tokens.LIST) {
            throw new BananaProtocolException("oldbanana peer detected, compatibility code not yet written");
        }
        if (type > Tokens.PONG || type == 0x8b || type == 0x8c) {
            throw new BananaProtocolException(String.format("Invalid Type Byte 0x%x", type));
        }
        if (type == Tokens.ERROR && (header < 0 || header > CodecLimits.MAX_ERROR_LENGTH)) {
            throw new BananaProtocolException("oversized ERROR token");
        }
    }

    private Token readBody(ByteBuf in) {
        int n = (int) Math.min(in.readableBytes(), remaining);
        if (n == 0) {
            return null;
        }
        if (body == null) {
            // remaining fits an int: the gate admitted this length
            body = new byte[(int) Math.min(remaining, Math.max(n, FIRST_BODY_ARRAY))];
            filled = 0;
        } else if (body.length - filled < n) {
            long total = filled + remaining;
            body = Arrays.copyOf(body, (int) Math.min(total, Math.max(filled + n, 2L * body.length)));
        }
        in.readBytes(body, filled, n);
        filled += n;
        remaining -= n;
        if (remaining > 0) {
            return null;
        }
        byte[] complete = body;
        body = null;
        state = State.HEADER;
        return new Token(type, header, bigHeader, complete, false);
    }

    private Token skipBody(ByteBuf in) {
        int n = (int) Math.min(in.readableBytes(), remaining);
        in.skipBytes(n);
        remaining -= n;
        if (remaining > 0) {
            return null;
        }
        state = State.HEADER;
        return new Token(type, header, bigHeader, null, true);
    }
}
