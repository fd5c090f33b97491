package org.flapp.rpc.internal.negotiation;

import org.flapp.rpc.TubIdentity;

/**
 * Loads the native code every connection needs — the epoll transport's library and BoringSSL's —
 * ahead of the first connection. Loading them is a few hundred milliseconds of class loading and
 * library mapping that a Tub otherwise pays on its first connect, one piece after the other; a
 * short-lived client can pay it on a thread of its own while it does its other start-up work.
 */
public final class NativeLibraries {
    private NativeLibraries() {
    }

    /** Loads both libraries (or finds them unavailable); cheap once done, safe from any thread. */
    public static void preload() {
        Transport.name();
        OpenSslContexts.wanted();
    }

    /**
     * {@link #preload}, then builds the TLS contexts of {@code identity} (the key and certificate
     * handed to BoringSSL or the JDK's engine), which its first connection would build otherwise.
     *
     * @throws IllegalStateException when the contexts cannot be built (the first connection says so too)
     */
    public static void preload(TubIdentity identity) {
        preload();
        TlsContexts.forIdentity(identity);
    }
}
