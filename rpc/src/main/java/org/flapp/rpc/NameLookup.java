package org.flapp.rpc;

/**
 * Resolves a name (the last part of a FURL) to the object a peer asked for, each time a peer
 * asks: a server can keep its names in a configuration file and see additions and removals
 * without restarting. Consulted after the names registered with
 * {@link Tub#registerReference(Referenceable, String)}.
 *
 * <p>Called on the Tub's call executor, so it may read files.
 */
@FunctionalInterface
public interface NameLookup {
    /**
     * The object named {@code name}, or {@code null} if there is none (the peer then gets
     * Foolscap's usual {@code KeyError}). Throwing sends the exception to the peer instead.
     */
    Referenceable lookup(String name) throws Exception;
}
