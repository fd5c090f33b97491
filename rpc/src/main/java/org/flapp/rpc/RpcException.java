package org.flapp.rpc;

/**
 * Base of every failure the RPC engine reports. Subclasses let a caller tell apart a lost
 * connection ({@link DeadReferenceException}), an exception raised by the remote method
 * ({@link RemoteException}), a protocol or constraint violation ({@link ViolationException}),
 * a failed connection negotiation ({@link NegotiationException}) and a malformed FURL
 * ({@link org.flapp.rpc.furl.BadFurlException}).
 */
public class RpcException extends RuntimeException {
    public RpcException(String message) {
        super(message);
    }

    public RpcException(String message, Throwable cause) {
        super(message, cause);
    }
}
