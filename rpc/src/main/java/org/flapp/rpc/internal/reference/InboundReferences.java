package org.flapp.rpc.internal.reference;

import org.flapp.rpc.Constraint;
import org.flapp.rpc.Signature;

/**
 * Hooks the PB layer implements to turn inbound reference sequences into objects; called on the
 * connection's event loop while a message is decoded. Each may throw
 * {@link org.flapp.rpc.ViolationException} (the message is abandoned: a call becomes a
 * {@link RejectedCall}) or {@link org.flapp.rpc.internal.banana.BananaProtocolException} (the
 * connection is failed).
 */
public interface InboundReferences {
    /** my-reference seen: clid, plus the interface name and URL when present (null when absent). */
    Object myReference(long clid, String interfaceName, String url);

    /** your-reference seen: our own exported object with this clid. */
    Object yourReference(long clid);

    /** their-reference seen. */
    Object theirReference(long giftId, String furl);

    // ---- constraints: what the decoder checks calls and answers against

    /**
     * The argument constraints of {@code method} on our object {@code clid} (0: the Broker), asked
     * as soon as the method name is read. Throws {@link org.flapp.rpc.internal.message.CallRefused}
     * for an unknown object or method: the rest of the call is then skipped unread.
     */
    default Signature inboundSignature(long clid, String method) {
        return Signature.any();
    }

    /** What the answer to our call {@code reqId} must meet, asked once its request ID is read. */
    default Constraint expectedAnswer(long reqId) {
        return Constraint.any();
    }
}
