package org.flapp.rpc.internal.banana;

import org.flapp.rpc.internal.reference.InboundReferences;

/**
 * What an {@link Unslicer} may ask of the decoder: the PB layer's reference hooks and the table
 * of shareable objects of the current top-level message (keyed by the receiver's OPEN count).
 */
public interface DecodeContext {
    public InboundReferences references();

    /** Makes {@code obj} the target of later {@code reference objectId} sequences in this message. */
    public void registerObject(long objectId, Object obj);

    /** The object registered under {@code objectId}; fatal ("dangling reference") when none. */
    public Object getObject(long objectId);
}
