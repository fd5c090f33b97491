package org.flapp.rpc.internal.reference;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.flapp.rpc.Constraint;
import org.flapp.rpc.RemoteReference.Subscription;

/**
 * What a {@link RemoteReferenceImpl} needs from the connection it lives on: sending calls and
 * watching the connection. Implemented by the connection's broker; keeps this package free of
 * the call machinery.
 */
public interface CallSender {
    /** Sends a call to the peer's object {@code clid}; the future holds the answer. */
    default CompletableFuture<Object> sendCall(long clid, String interfaceName, String method,
                                       List<?> args, Map<String, ?> kwargs) {
        return sendCall(clid, interfaceName, method, args, kwargs, Constraint.any());
    }

    /** Like the above; the answer must meet {@code answer} as it is decoded, or the call fails. */
    CompletableFuture<Object> sendCall(long clid, String interfaceName, String method,
                                       List<?> args, Map<String, ?> kwargs, Constraint answer);

    /** What the answer to our call {@code reqId} must meet ({@link Constraint#any()} if unknown). Event loop. */
    default Constraint expectedAnswer(long reqId) {
        return Constraint.any();
    }

    /** Sends a call with request ID 0; the future completes once it is written. */
    CompletableFuture<Void> sendCallOnly(long clid, String method, List<?> args, Map<String, ?> kwargs);

    boolean isOpen();

    Subscription onDisconnect(Runnable callback);

    String peerTubId();
}
