package org.flapp.rpc.internal.call;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.flapp.rpc.RemoteReference;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.TubOptions;

/** What a connection's {@link Broker} needs from its Tub. Thread-safe. */
public interface BrokerHost {
    String tubId();

    TubOptions options();

    /** Where handlers run and futures complete (each broker serializes its own work on it). */
    Executor callExecutor();

    /**
     * The object published under {@code name}, or null. May block (reads configuration): called on
     * the call executor only.
     */
    Referenceable resolveName(String name) throws Exception;

    /** The FURL of the object published under {@code name}, when this Tub has a location. */
    Optional<String> furlFor(String name);

    /** Obtains a reference to a third Tub's object, for an inbound their-reference. */
    CompletableFuture<RemoteReference> getReference(String furl);

    /** The broker's connection closed; forget it. */
    void brokerClosed(Broker broker);
}
