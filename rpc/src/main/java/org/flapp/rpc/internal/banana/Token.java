package org.flapp.rpc.internal.banana;

import java.math.BigInteger;

/**
 * One token as {@link TokenReader} delivers it.
 *
 * @param type      the type byte ({@link Tokens})
 * @param header    the header value, or -1 when it does not fit in a long (then see {@code bigHeader})
 * @param bigHeader the header value when it does not fit in a long (INT, NEG, PING, PONG only), else null
 * @param body      the body of STRING, LONGINT, LONGNEG, ERROR and FLOAT, or null; also null when skipped
 * @param skipped   true when the body was discarded unread because the token had been rejected
 */
public record Token(int type, long header, BigInteger bigHeader, byte[] body, boolean skipped) {
    /** The header as a BigInteger, whatever its size. */
    public BigInteger headerValue() {
        return bigHeader != null ? bigHeader : BigInteger.valueOf(header);
    }

    @Override
    public String toString() {
        return Tokens.name(type) + "(" + headerValue() + (body != null ? ", " + body.length + " bytes" : "")
                + (skipped ? ", skipped" : "") + ")";
    }
}
