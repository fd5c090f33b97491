package org.flapp.rpc.internal.call;

/**
 * The user event a connection's pipeline carries, from its head, when a look-up by name on it
 * succeeded (the peer obtained one of our objects by its swissnum, or we one of the peer's): the
 * connection has proven it holds a FURL, which ends the Tub's grace time for it.
 */
public enum ReferenceObtained {
    INSTANCE
}
