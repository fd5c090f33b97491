package org.flapp.rpc;

/**
 * A connection could not be set up: the peer refused us (an error block or a 500 reply), it is
 * not the Tub the FURL names (wrong TubID or certificate), no hint could be reached, or
 * negotiation timed out.
 */
public class NegotiationException extends RpcException {
    public NegotiationException(String message) {
        super(message);
    }

    public NegotiationException(String message, Throwable cause) {
        super(message, cause);
    }
}
