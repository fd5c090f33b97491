package org.flapp.rpc.internal.negotiation;

import org.flapp.rpc.NegotiationException.Reason;

/**
 * Why a negotiation stopped, and what (if anything) the peer is told. Foolscap passes the text of
 * its {@code NegotiationError}s through to the peer and reports every other problem as
 * {@value #INTERNAL_ERROR_TEXT}; when the peer itself refused, nothing is sent back.
 * Each carries the {@link Reason} the connecting side reports. Stackless: these are expected
 * outcomes, not bugs.
 */
final class NegotiationFailure extends Exception {
    static final String INTERNAL_ERROR_TEXT = "internal server error, see logs";

    private final Reason reason;
    private final String messageForPeer;

    private NegotiationFailure(Reason reason, String description, String messageForPeer) {
        super(description, null, false, false);
        this.reason = reason;
        this.messageForPeer = messageForPeer;
    }

    /** A refusal whose text the peer sees verbatim (Foolscap's NegotiationError). */
    static NegotiationFailure told(String message) {
        return new NegotiationFailure(Reason.PROTOCOL, message, message);
    }

    /** A broken rule the peer hears about only as {@value #INTERNAL_ERROR_TEXT}. */
    static NegotiationFailure internal(String description) {
        return new NegotiationFailure(Reason.PROTOCOL, description, INTERNAL_ERROR_TEXT);
    }

    /**
     * The peer is not the Tub we asked for (its certificate or hello names another TubID); it
     * hears only {@value #INTERNAL_ERROR_TEXT}.
     */
    static NegotiationFailure wrongTub(String description) {
        return new NegotiationFailure(Reason.WRONG_TUB, description, INTERNAL_ERROR_TEXT);
    }

    /** The peer refused us (an error block): we answer nothing and hang up. */
    static NegotiationFailure refusedByPeer(String peerText) {
        return refusedByPeer(Reason.REFUSED_BY_PEER, peerText);
    }

    /**
     * The peer refused us for {@code reason}, known from the phase it refused in (a 500 reply to
     * our request means it does not host the TubID we asked for): we answer nothing and hang up.
     */
    static NegotiationFailure refusedByPeer(Reason reason, String peerText) {
        return new NegotiationFailure(reason, "refused by peer: " + peerText, null);
    }

    /** The TLS handshake failed: there is nobody left to tell. */
    static NegotiationFailure tls(String description) {
        return new NegotiationFailure(Reason.TLS, description, null);
    }

    /** What the connecting side reports. */
    Reason reason() {
        return reason;
    }

    /** The text to send to the peer, or null to send nothing. */
    String messageForPeer() {
        return messageForPeer;
    }
}
