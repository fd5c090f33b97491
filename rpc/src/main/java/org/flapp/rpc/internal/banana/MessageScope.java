package org.flapp.rpc.internal.banana;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.flapp.rpc.ViolationException;

/**
 * What the decoder keeps for the top-level message being decoded, and forgets at its end: the
 * shareable objects by open count, per-message memos, and the message's size and work so far,
 * each checked against its {@link CodecLimits} limit as it grows. Event-loop confined.
 */
final class MessageScope {
    private final CodecLimits limits;
    private final Map<Long, Object> objects = new HashMap<>();
    private final Map<Class<?>, Object> memos = new HashMap<>();
    private long bytes;
    private long work;

    MessageScope(CodecLimits limits) {
        this.limits = limits;
    }

    /** Counts a token's wire bytes; a Violation once the message is over maxMessageSize. */
    void addBytes(long wireLength) {
        bytes = saturatedAdd(bytes, wireLength);
        if (bytes > limits.maxMessageSize()) {
            throw new ViolationException("message larger than maxMessageSize " + limits.maxMessageSize()
                    + " bytes (at least " + bytes + ")");
        }
    }

    /** Counts work steps; a Violation once the message is over maxMessageWork. */
    void charge(long units) {
        work = saturatedAdd(work, units);
        if (work > limits.maxMessageWork()) {
            throw new ViolationException("message needs more work than maxMessageWork " + limits.maxMessageWork()
                    + " steps (at least " + work + ")");
        }
    }

    void register(long objectId, Object obj) {
        objects.put(objectId, obj);
    }

    /** The object registered under {@code objectId}; fatal ("dangling reference") when none. */
    Object get(long objectId) {
        Object obj = objects.get(objectId);
        if (obj == null) {
            throw new BananaProtocolException("dangling reference '" + objectId + "'");
        }
        return obj;
    }

    <T> T memo(Class<T> type, Supplier<T> create) {
        return type.cast(memos.computeIfAbsent(type, t -> create.get()));
    }

    /** The message ended (finished or abandoned). */
    void clear() {
        objects.clear();
        memos.clear();
        bytes = 0;
        work = 0;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
