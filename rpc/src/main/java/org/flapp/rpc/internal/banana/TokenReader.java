package org.flapp.rpc.internal.banana;

import io.netty.buffer.ByteBuf;
import java.math.BigInteger;

/**
 * Splits a Banana byte stream into {@link Token}s: a state machine with three states, each with
 * its own method. {@code HEADER} waits for a complete header and type byte (at most 64 header
 * bytes, else fatal), then asks a {@link Gate} whether the token is wanted <em>before</em> any
 * body byte is buffered. {@code BODY} waits for an admitted body; {@code SKIP} throws away the
 * body of a refused token as it arrives, so a huge declared length never allocates.
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

    private enum State { HEADER, BODY, SKIP }

    private State state = State.HEADER;
    private int type;
    private long header;
    private BigInteger bigHeader;
    private long remaining;

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
        if (in.readableBytes() < remaining) {
            return null; // bounded: the gate admitted this length
        }
        byte[] body = new byte[(int) remaining];
        in.readBytes(body);
        state = State.HEADER;
        return new Token(type, header, bigHeader, body, false);
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
