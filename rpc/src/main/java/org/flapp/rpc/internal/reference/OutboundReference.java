package org.flapp.rpc.internal.reference;

/** How a reference-like value goes on the wire; see {@link OutboundReferences}. */
public sealed interface OutboundReference {
    /**
     * {@code my-reference}: one of our objects. {@code interfaceName == null} means "not the first
     * send": only the clid is written; {@code url == null} on a first send means: write the
     * interface name only.
     */
    record Mine(long clid, String interfaceName, String url) implements OutboundReference {}

    /** {@code your-reference}: the peer's own object, sent back. */
    record Yours(long clid) implements OutboundReference {}

    /** {@code their-reference}: a third Tub's object. */
    record Theirs(long giftId, String furl) implements OutboundReference {}
}
