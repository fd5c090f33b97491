package org.flapp.rpc.internal.reference;

/**
 * The PB layer's hook that tells the encoder how to send reference-like values. Called on the
 * connection's event loop, once per occurrence, in wire order.
 *
 * <p>Pitfall: if a later value of the same message cannot be serialized, the encoder throws and
 * nothing is sent, although {@code describe} was already called for earlier values of that
 * message (e.g. a first send of a {@code Mine} that then never reached the peer).
 */
public interface OutboundReferences {
    /**
     * The reference form of value, or null when value is not a reference-like object. Called only
     * for values that are not one of the plain value types.
     */
    OutboundReference describe(Object value);
}
