package org.flapp.rpc.internal.message;

import org.flapp.rpc.RpcException;

/**
 * A {@code call} abandoned after its request ID was read: a call to an unknown object or method
 * (refused before its arguments were decoded), an argument that breaks the method's constraints
 * or a {@code CodecLimits} limit, a reference the PB layer refused, ... The rest of the call was
 * discarded token by token; the connection goes on. The PB layer answers {@code reqId > 0} with
 * {@code failure}: usually a {@link org.flapp.rpc.ViolationException} (a
 * {@code foolscap.tokens.Violation} on the wire), or the {@link org.flapp.rpc.RemoteException}
 * Foolscap sends for an unknown method ({@code AttributeError}). An ABORTed call produces no
 * RejectedCall (the sender already knows).
 *
 * @param failure what to answer; for a Violation its message is the text a Python receiver puts
 *                in the Failure's value, e.g.
 *                {@code Violation (<RootUnslicer>.<methodcall reqID=6 methodname=putfile>.<arguments arg[0]>): ("unknown OPEN type ('bogus',)",)}
 */
public record RejectedCall(long reqId, RpcException failure) implements PbMessage {
    /** The failure's text. */
    public String violation() {
        return failure.getMessage();
    }
}
