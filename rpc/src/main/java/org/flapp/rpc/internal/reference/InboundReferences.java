package org.flapp.rpc.internal.reference;

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
}
