package org.flapp.rpc.internal.call;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.flapp.rpc.Constraint;

/**
 * The calls we sent on one connection that still wait for an answer, by request ID. Request IDs
 * count from 1 per connection and are never reused; 0 is kept for calls that want no answer.
 * Event-loop confined.
 */
final class PendingCalls {
    /** A call waiting for its answer; {@code description} names it in dead-reference errors. */
    record Pending(CompletableFuture<Object> future, String description, Constraint answer) {}

    private long lastReqId;
    private final Map<Long, Pending> byReqId = new HashMap<>();

    long add(CompletableFuture<Object> future, String description, Constraint answer) {
        long reqId = ++lastReqId;
        byReqId.put(reqId, new Pending(future, description, answer));
        return reqId;
    }

    /** What the answer to {@code reqId} must meet (anything, for an unknown request ID). */
    Constraint expectedAnswer(long reqId) {
        Pending waiting = byReqId.get(reqId);
        return waiting == null ? Constraint.any() : waiting.answer();
    }

    /** Takes the call answered by {@code reqId}, or null for an unknown (or already answered) ID. */
    Pending take(long reqId) {
        return byReqId.remove(reqId);
    }

    /** Takes every waiting call, for failing them when the connection is lost. */
    List<Pending> takeAll() {
        List<Pending> all = new ArrayList<>(byReqId.values());
        byReqId.clear();
        return all;
    }

    /** How many calls wait for their answer. */
    int size() {
        return byReqId.size();
    }
}
