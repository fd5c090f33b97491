package org.flapp.rpc.internal.negotiation;

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
}
