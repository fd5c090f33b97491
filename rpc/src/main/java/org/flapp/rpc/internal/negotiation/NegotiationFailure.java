package org.flapp.rpc.internal.negotiation;

/**
 * Why a negotiation stopped, and what (if anything) the peer is told. Foolscap passes the text of
 * its {@code NegotiationError}s through to the peer and reports every other problem as
 * {@value #INTERNAL_ERROR_TEXT}; when the peer itself refused, nothing is sent back.
 * Stackless: these are expected outcomes, not bugs.
 */
final class NegotiationFailure extends Exception {
    static final String INTERNAL_ERROR_TEXT = "internal server error, see logs";

    private final String messageForPeer;

    private NegotiationFailure(String description, String messageForPeer) {
        super(description, null, false, false);
        this.messageForPeer = messageForPeer;
    }

    /** A refusal whose text the peer sees verbatim (Foolscap's NegotiationError). */
    static NegotiationFailure told(String message) {
        return new NegotiationFailure(message, message);
    }

    /** A problem the peer hears about only as {@value #INTERNAL_ERROR_TEXT}. */
    static NegotiationFailure internal(String description) {
        return new NegotiationFailure(description, INTERNAL_ERROR_TEXT);
    }

    /** The peer refused us (500 reply, error block): we answer nothing and hang up. */
    static NegotiationFailure refusedByPeer(String peerText) {
        return new NegotiationFailure("refused by peer: " + peerText, null);
    }

    /** The connection or TLS layer failed: there is nobody left to tell. */
    static NegotiationFailure transport(String description) {
        return new NegotiationFailure(description, null);
    }

    /** The text to send to the peer, or null to send nothing. */
    String messageForPeer() {
        return messageForPeer;
    }
}
