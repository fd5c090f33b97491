package org.flapp.rpc.internal.banana;

import java.util.function.Function;
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

    /**
     * Charges {@code units} steps of work (hashing, comparing, table insertions) to the current
     * message; a {@link org.flapp.rpc.ViolationException} once its total passes
     * {@link CodecLimits#maxMessageWork()}.
     */
    public void charge(long units);

    /**
     * The current message's instance of {@code type}, made by {@code create} on first use and
     * dropped with the message's objects (for memos that must not outlive one message).
     */
    public <T> T perMessage(Class<T> type, Function<DecodeContext, T> create);
}
