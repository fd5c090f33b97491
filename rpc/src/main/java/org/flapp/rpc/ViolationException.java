package org.flapp.rpc;

/**
 * A value or message broke the protocol's rules or a constraint: an argument that cannot be
 * serialized, a token over a configured limit, a call to an unknown method with the wrong
 * argument types. Foolscap calls this {@code Violation}. When the peer detects the violation in
 * one of our calls, the caller sees a {@link RemoteException} of type
 * {@code foolscap.tokens.Violation} instead.
 */
public class ViolationException extends RpcException {
    public ViolationException(String message) {
        super(message);
    }

    public ViolationException(String message, Throwable cause) {
        super(message, cause);
    }
}
