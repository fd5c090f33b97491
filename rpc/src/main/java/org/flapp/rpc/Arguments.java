package org.flapp.rpc;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The arguments of one inbound call: positional values in order and keyword values by name,
 * as the peer sent them (see {@link Tub} for how Python values map to Java types). The typed
 * accessors check what they return and throw {@link ViolationException}, which the caller
 * receives as a {@code foolscap.tokens.Violation} error.
 */
public final class Arguments {
    private final List<Object> positional;
    private final Map<String, Object> keywords;
    private final String callerTubId;
    private final CompletableFuture<Void> answerWritten;

    private Arguments(List<?> positional, Map<String, ?> keywords, String callerTubId,
            CompletableFuture<Void> answerWritten) {
        this.answerWritten = Objects.requireNonNull(answerWritten, "answerWritten");
        // copies that keep nulls: None is a legal argument
        this.positional = Collections.unmodifiableList(new ArrayList<>(positional));
        this.keywords = Collections.unmodifiableMap(new LinkedHashMap<>(keywords));
        this.callerTubId = callerTubId;
    }

    /**
     * The arguments of one call, as a connection hands them to a handler; also the way to call a
     * handler directly, without a connection.
     *
     * @param answerWritten completes once the answer to this call has been written (see
     *     {@link #answerWritten()}); for a direct call, an already completed future
     */
    public static Arguments of(List<?> positional, Map<String, ?> keywords, String callerTubId,
            CompletableFuture<Void> answerWritten) {
        return new Arguments(positional, keywords, callerTubId, answerWritten);
    }

    /** The TubID of the peer that made the call. */
    public String callerTubId() {
        return callerTubId;
    }

    /**
     * Completes, on a network thread, once the answer (or error) to this call has been written to
     * the connection's socket; at once after the handler returns for a call that wants no answer;
     * fails with {@link DeadReferenceException} if the connection is lost first. A handler that
     * starts sending calls of its own on the caller's connection can wait for it, so that the
     * caller sees the answer before them (calls sent from other threads are otherwise not ordered
     * with the answer). Callbacks must not block: use an async variant with an executor.
     */
    public CompletableFuture<Void> answerWritten() {
        return answerWritten.copy();
    }

    /** Number of positional arguments. */
    public int size() {
        return positional.size();
    }

    /** Fails unless there are exactly {@code count} positional arguments. */
    public Arguments expectCount(int count) {
        if (positional.size() != count) {
            throw new ViolationException(
                    "expected " + count + " positional argument(s), got " + positional.size());
        }
        return this;
    }

    /** The positional argument at {@code index} ({@code null} for None). */
    public Object get(int index) {
        if (index < 0 || index >= positional.size()) {
            throw new ViolationException("missing positional argument " + index
                    + " (the call has " + positional.size() + ")");
        }
        return positional.get(index);
    }

    /** Keyword arguments by name, in the order the peer sent them (sorted by name). */
    public Map<String, Object> keywords() {
        return keywords;
    }

    /** The keyword argument {@code name}, or {@code null} if absent or None. */
    public Object keyword(String name) {
        return keywords.get(name);
    }

    public boolean hasKeyword(String name) {
        return keywords.containsKey(name);
    }

    /** A byte-string argument. */
    public byte[] bytes(int index) {
        return as(index, byte[].class, "bytes");
    }

    /** A text argument; a byte string is decoded as UTF-8 for convenience. */
    public String string(int index) {
        Object value = get(index);
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        throw wrongType(index, "str", value);
    }

    /** An integer argument that fits in a {@code long}. */
    public long longValue(int index) {
        Object value = get(index);
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Integer i) {
            return i;
        }
        if (value instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        throw wrongType(index, "int", value);
    }

    /** A reference argument (an object the caller passed to us). */
    public RemoteReference reference(int index) {
        return as(index, RemoteReference.class, "reference");
    }

    private <T> T as(int index, Class<T> type, String pythonName) {
        Object value = get(index);
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        throw wrongType(index, pythonName, value);
    }

    private static ViolationException wrongType(int index, String expected, Object actual) {
        String got = actual == null ? "None" : actual.getClass().getSimpleName();
        return new ViolationException(
                "argument " + index + " must be " + expected + ", not " + got);
    }

    @Override
    public String toString() {
        return "Arguments" + positional + (keywords.isEmpty() ? "" : " " + keywords);
    }
}
