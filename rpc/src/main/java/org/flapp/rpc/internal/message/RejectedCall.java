package org.flapp.rpc.internal.message;

/**
 * A {@code call} abandoned by a Violation met after its request ID was read (unknown open-type
 * in the arguments, a reference the PB layer refused, a {@link CodecLimits} limit, ...). The rest
 * of the call was discarded; the connection goes on. The PB layer answers {@code reqId > 0}
 * with a {@code foolscap.tokens.Violation} error. An ABORTed call produces no RejectedCall (the
 * sender already knows).
 *
 * @param violation the text a Python receiver puts in the Failure's value, e.g.
 *                  {@code Violation (<RootUnslicer>.<methodcall reqID=6 methodname=putfile>.<arguments arg[0]>): ("unknown OPEN type ('bogus',)",)}
 */
public record RejectedCall(long reqId, String violation) implements PbMessage {}
