package org.flapp.rpc;

/**
 * The connection behind a {@link RemoteReference} is gone: it was lost while a call waited for
 * its answer, or the reference was already dead when the call was made. Foolscap calls this
 * {@code DeadReferenceError}. Nothing is retried: reconnecting means a new
 * {@link Tub#getReference(String)}.
 */
public class DeadReferenceException extends RpcException {
    public DeadReferenceException(String message) {
        super(message);
    }

    public DeadReferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
