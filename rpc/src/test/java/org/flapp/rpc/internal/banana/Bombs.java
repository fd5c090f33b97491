package org.flapp.rpc.internal.banana;

/**
 * Hostile PB messages that cost little to send and much to decode naively: DAGs of shared tuples
 * ({@code t_i = (t_i-1, t_i-1)}, built with back-references) put in a set, and sets whose members
 * collide in Java's (and Python's) integer hash. Open-IDs continue the connection's count from
 * {@code firstOpenId}, as a sender numbers them (the receiver resolves back-references by that
 * count); vocabulary indices are those of table 1.
 */
public final class Bombs {
    private static final int REFERENCE = 2;
    private static final int LIST = 4;
    private static final int TUPLE = 5;
    private static final int SET = 6;
    private static final int CALL = 11;
    private static final int ARGUMENTS = 12;

    /** A message's bytes and the open-ID the connection's next message starts at. */
    public record Built(byte[] bytes, long nextOpenId) {}

    private final Wire wire = Wire.of();
    private long nextOpen;

    private Bombs(long firstOpenId) {
        this.nextOpen = firstOpenId;
    }

    /**
     * A call whose positional arguments are a list holding {@code dags} DAGs t0..t{levels} each
     * (the receiver's object IDs of their tops known only to this builder), then a set holding the
     * top of every DAG: hashing a top naively walks 2^levels nodes; with two DAGs, so does
     * comparing them.
     */
    public static byte[] tupleBombCall(long reqId, long clid, String method, int levels, int dags) {
        return tupleBombCall(0, reqId, clid, method, levels, dags).bytes();
    }

    /** {@link #tupleBombCall(long, long, String, int, int)} on a connection whose next open-ID is given. */
    public static Built tupleBombCall(long firstOpenId, long reqId, long clid, String method, int levels, int dags) {
        Bombs b = new Bombs(firstOpenId);
        long call = b.startCall(reqId, clid, method, 2);
        long list = b.open(LIST);
        long[] tops = new long[dags];
        for (int d = 0; d < dags; d++) {
            tops[d] = b.dag(levels);
        }
        b.wire.close(list);
        long set = b.open(SET);
        for (long top : tops) {
            b.reference(top);
        }
        b.wire.close(set);
        return new Built(b.endCall(call), b.nextOpen);
    }

    /** A call whose only argument is a set of {@code count} distinct ints that all hash to 0 in Java. */
    public static byte[] collidingSetCall(long reqId, long clid, String method, int count) {
        Bombs b = new Bombs(0);
        long call = b.startCall(reqId, clid, method, 1);
        long set = b.open(SET);
        for (long k = 1; k <= count; k++) {
            b.wire.integer((k << 32) | k); // (int) (v ^ v >>> 32) == 0
        }
        b.wire.close(set);
        return b.endCall(call);
    }

    /** OPEN call, its header, OPEN arguments, the positional count; returns the call's open-ID. */
    private long startCall(long reqId, long clid, String method, int positional) {
        long call = open(CALL);
        wire.integer(reqId).integer(clid).str(method);
        open(ARGUMENTS);
        wire.integer(positional);
        return call;
    }

    /** CLOSE arguments (open-ID call + 1) and call. */
    private byte[] endCall(long call) {
        return wire.close(call + 1).close(call).bytes();
    }

    private long dag(int levels) {
        long previous = open(TUPLE);
        wire.integer(0);
        wire.close(previous);
        for (int i = 1; i <= levels; i++) {
            long t = open(TUPLE);
            reference(previous);
            reference(previous);
            wire.close(t);
            previous = t;
        }
        return previous;
    }

    private void reference(long objectId) {
        long r = open(REFERENCE);
        wire.integer(objectId);
        wire.close(r);
    }

    private long open(int vocab) {
        long id = nextOpen++;
        wire.open(id).vocab(vocab);
        return id;
    }
}
