package org.flapp.rpc.internal.banana;

/**
 * A fundamental Banana protocol error (Foolscap's {@code BananaError}): the byte stream cannot be
 * trusted any more, so the receiver sends an ERROR token carrying this message and closes the
 * connection. Contrast {@link org.flapp.rpc.ViolationException}, which abandons one object and
 * keeps the connection.
 */
public class BananaProtocolException extends RuntimeException {
    public BananaProtocolException(String message) {
        super(message);
    }

    public BananaProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
