package org.flapp.rpc;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.flapp.rpc.furl.Furl;
import org.flapp.rpc.internal.negotiation.NativeLibraries;
import org.flapp.rpc.internal.tub.TubRuntime;

/**
 * A Foolscap endpoint: an identity (TubID), listeners, published objects, and connections to
 * other Tubs. Speaks Foolscap 21.7.0's wire protocol, so Java and Python Tubs call each other.
 *
 * <pre>{@code
 * Tub server = new Tub(TubIdentity.generate());
 * int port = server.listenOn("tcp:0:interface=127.0.0.1");
 * server.setLocation("tcp:127.0.0.1:" + port);
 * String furl = server.registerReference(new Greeter());
 *
 * Tub client = new Tub(TubIdentity.generateEphemeral());
 * RemoteReference greeter = client.getReference(furl).join();
 * greeter.callRemote("greet", "world").thenAccept(System.out::println);
 * }</pre>
 *
 * <p>Thread-safe. Network work runs on the Tub's own event loop threads; handlers and future
 * completions run on the call executor ({@link TubOptions#callExecutor()}).
 */
public final class Tub implements AutoCloseable {
    private final TubIdentity identity;
    private final TubRuntime runtime;

    public Tub(TubIdentity identity) {
        this(identity, TubOptions.defaults());
    }

    public Tub(TubIdentity identity, TubOptions options) {
        this(new TubRuntime(Objects.requireNonNull(identity, "identity"), Objects.requireNonNull(options, "options")));
    }

    /** Around a runtime built elsewhere (tests give it a manual clock and read its diagnostics). */
    Tub(TubRuntime runtime) {
        this.identity = runtime.identity();
        this.runtime = runtime;
    }

    /**
     * Loads the native code behind connections (the epoll transport, BoringSSL) now, on the
     * calling thread, instead of during the first connection. For short-lived programs, which can
     * run it in parallel with their other start-up work; optional, and a no-op once done.
     */
    public static void preloadEngine() {
        NativeLibraries.preload();
    }

    /**
     * {@link #preloadEngine}, then builds this Tub's TLS contexts, which its first connection
     * would otherwise build while the peer waits. For a server that has just started listening,
     * on a thread of its own; optional, and a no-op once done.
     *
     * @throws IllegalStateException when the contexts cannot be built (connections fail the same way)
     */
    public void preloadConnections() {
        NativeLibraries.preload(identity);
    }

    public TubIdentity identity() {
        return identity;
    }

    public String tubId() {
        return identity.tubId();
    }

    /**
     * Starts listening on {@code tcp:PORT[:interface=ADDR]} (PORT 0 picks a free port) and returns
     * the bound port.
     */
    public int listenOn(String endpoint) {
        return runtime.listenOn(endpoint);
    }

    /**
     * Starts accepting on a TCP socket this process inherited bound and listening, e.g. from
     * systemd's socket activation ({@code LISTEN_FDS}: the first is file descriptor 3); returns its
     * port. Needs Linux (Netty's epoll transport).
     *
     * @throws IllegalArgumentException when {@code fd} is not a bound TCP socket
     * @throws IllegalStateException when the epoll transport is unavailable
     */
    public int listenOnInherited(int fd) {
        return runtime.listenOnInherited(fd);
    }

    /** Sets the connection hints put in this Tub's FURLs, e.g. {@code tcp:example.org:3116}. */
    public void setLocation(String hints) {
        runtime.setLocation(hints);
    }

    /** Publishes {@code object} under a new random 160-bit name; returns its FURL. */
    public String registerReference(Referenceable object) {
        return runtime.register(Objects.requireNonNull(object, "object"), null);
    }

    /** Publishes {@code object} under {@code name}; returns its FURL. */
    public String registerReference(Referenceable object, String name) {
        return runtime.register(Objects.requireNonNull(object, "object"), Objects.requireNonNull(name, "name"));
    }

    /** Installs the hook consulted for names not registered directly. */
    public void setNameLookup(NameLookup lookup) {
        runtime.setNameLookup(lookup);
    }

    /**
     * Revokes {@code name}: it is no longer found, and every reference a peer obtained through it
     * is dropped, so calls on those references fail at once.
     */
    public void revoke(String name) {
        runtime.revoke(name);
    }

    /**
     * Connects to the Tub named in {@code furl} (reusing a live connection) and looks up the
     * object. A malformed FURL fails the future with {@link org.flapp.rpc.furl.BadFurlException}.
     */
    public CompletableFuture<RemoteReference> getReference(String furl) {
        return runtime.getReference(furl);
    }

    /** {@link #getReference(String)} for a FURL the caller has already parsed. */
    public CompletableFuture<RemoteReference> getReference(Furl furl) {
        return runtime.getReference(furl);
    }

    /** Stops listening, closes every connection and releases threads. */
    public CompletableFuture<Void> shutdown() {
        return runtime.shutdown();
    }

    @Override
    public void close() {
        shutdown().join();
    }
}
