package org.flapp.rpc.furl;

import java.util.Optional;

/** A usable TCP connection hint: host (IPv6 brackets removed) and port. */
public record TcpHint(String host, int port) {
    /** The TCP hint {@code hint} stands for, or empty when a plain Tub cannot use it. */
    public static Optional<TcpHint> parse(String hint) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
