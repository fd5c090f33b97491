package org.flapp.rpc;

import java.util.Objects;

/**
 * A connection could not be set up: the peer refused us (an error block or a 500 reply), it is
 * not the Tub the FURL names (wrong TubID or certificate), no hint could be reached, or
 * negotiation timed out. {@link #reason()} says which, so callers never have to read the message.
 */
public class NegotiationException extends RpcException {
    /**
     * Why a connection attempt failed. The constants are listed in the order an attempt gets
     * through its steps, so when several hints fail, the one that got furthest is reported (see
     * {@link #furthest}).
     */
    public enum Reason {
        /** The FURL names this Tub itself, or has no hint this Tub can use. */
        NO_USABLE_HINT,
        /** The host name of a hint could not be resolved; the cause says why. */
        NAME_LOOKUP,
        /** No TCP connection could be made (refused, no route...); the cause says which. */
        CONNECT,
        /**
         * The SOCKS proxy of a {@code tor:} hint (a local Tor) could not be reached, or it could
         * not reach the hint's host; the message says which.
         */
        PROXY,
        /** The attempt did not finish in time (name lookup, connect and negotiation together). */
        TIMED_OUT,
        /** The connection closed or failed while negotiating. */
        CONNECTION_LOST,
        /** The TLS handshake failed. */
        TLS,
        /** The peer is not the Tub the FURL names: its certificate or TubID is another one. */
        WRONG_TUB,
        /** The peer broke the negotiation protocol, or speaks no version we can. */
        PROTOCOL,
        /** The peer refused us (a 500 reply or an error block), e.g. it does not know the TubID. */
        REFUSED_BY_PEER,
        /** Negotiation finished but our own Tub did not take the connection (it is stopping). */
        NOT_ACCEPTED;

        /** Of two reasons, the one from the attempt that got further. */
        public static Reason furthest(Reason a, Reason b) {
            return a.compareTo(b) >= 0 ? a : b;
        }
    }

    private final Reason reason;

    public NegotiationException(Reason reason, String message) {
        this(reason, message, null);
    }

    public NegotiationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the attempt failed. */
    public Reason reason() {
        return reason;
    }
}
