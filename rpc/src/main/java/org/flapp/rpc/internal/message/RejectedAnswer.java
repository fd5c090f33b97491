package org.flapp.rpc.internal.message;

/**
 * An {@code answer} or {@code error} to our call {@code reqId} that was abandoned after its
 * request ID was read: over a limit, breaking the answer constraint the caller declared, or
 * ABORTed by the sender. The rest of it was discarded token by token; the connection goes on.
 * The PB layer fails the waiting call with a {@link org.flapp.rpc.ViolationException} carrying
 * {@code violation}, so a caller never waits forever for an answer we refused to build.
 *
 * @param violation Foolscap-style text naming where, the limit and the value, e.g.
 *                  {@code Violation (<RootUnslicer>.<answer reqID=1>): ('STRING token of 8388608 bytes is over maxStringLength 2097152',)}
 */
public record RejectedAnswer(long reqId, String violation) implements PbMessage {}
