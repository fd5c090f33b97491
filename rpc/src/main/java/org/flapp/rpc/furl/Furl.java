package org.flapp.rpc.furl;

import java.util.List;

/**
 * A parsed FURL, {@code pb://TUBID@HINTS/NAME}: which Tub (by TubID), where to reach it (connection
 * hints), and which object (the secret name, or swissnum). Parsing follows Foolscap 21.7.0 exactly,
 * quirks included (see the protocol notes, section 2.5). Immutable.
 */
public final class Furl {
    // implemented in the furl work package
    private Furl() {}

    /** Parses {@code text}; throws {@link BadFurlException} with a clear message. */
    public static Furl parse(String text) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Builds a FURL from its parts (hints as given, e.g. {@code tcp:example.org:3116}). */
    public static Furl of(String tubId, List<String> hints, String name) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public String tubId() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The hints as written in the FURL, in order. */
    public List<String> hints() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The TCP hints a plain Tub can use, legacy {@code host:port} ones converted; others skipped. */
    public List<TcpHint> tcpHints() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public String name() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
