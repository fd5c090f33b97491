package org.flapp.rpc;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A reference to an object in another Tub: call its remote methods, watch its connection.
 *
 * <p>Thread-safe. Futures returned here complete on the Tub's call executor, never on a network
 * thread, so a callback may do modest work; it must not block on another answer from the same
 * connection. A reference is tied to one connection: when that connection is lost, every waiting
 * call fails with {@link DeadReferenceException} and so does every later call.
 *
 * <p>Arguments and answers are plain Java values: {@code null} (None), {@link Boolean},
 * {@link Long}/{@link Integer}/{@link java.math.BigInteger} (int), {@link Double} (float),
 * {@code byte[]} (bytes), {@link String} (str), {@link List} (list), {@link Tuple},
 * {@link Map} (dict), {@link java.util.Set} (set), {@link FrozenSet},
 * {@link java.math.BigDecimal} (Decimal), {@link Referenceable} and {@link RemoteReference}.
 * A {@code byte[]} handed over (an argument here, an answer from a handler) must not change
 * afterwards: long ones are sent from the array itself, after the call returns.
 */
public interface RemoteReference {
    /** Calls {@code method} with positional arguments; completes with the answer. */
    CompletableFuture<Object> callRemote(String method, Object... args);

    /** Calls {@code method} with positional and keyword arguments. */
    CompletableFuture<Object> callRemote(String method, List<?> args, Map<String, ?> kwargs);

    /**
     * Calls {@code method} and checks its answer against {@code answer} while the answer is
     * decoded: an answer that breaks it (a byte string longer than allowed, another type, ...) is
     * discarded unbuilt and the call fails with a {@link ViolationException} naming the constraint,
     * the limit and the value; the connection goes on. Implementations that do not decode answers
     * (in-process test doubles) answer as {@link #callRemote(String, Object...)} does.
     */
    default CompletableFuture<Object> callExpecting(Constraint answer, String method, Object... args) {
        return callRemote(method, args);
    }

    /**
     * Sends a call that asks for no answer (request ID 0): nothing comes back, not even an error.
     *
     * <p>The returned future is for flow control, not for an answer: it completes once the message
     * has been written to the connection's socket, and fails if it could not be serialized or the
     * connection is gone. A producer that waits for it before sending more never has more than one
     * message buffered per reference.
     */
    CompletableFuture<Void> callRemoteOnly(String method, Object... args);

    /**
     * Runs {@code callback} once, on the call executor, when the connection behind this reference
     * is lost (at once if it already is). Cancel with the returned handle.
     */
    Subscription notifyOnDisconnect(Runnable callback);

    /** True while the connection behind this reference is open. */
    boolean isConnected();

    /** TubID of the Tub that owns the object. */
    String remoteTubId();

    /** The object's FURL, when the owner sent one (Tubs with a location do). */
    Optional<String> furl();

    /** The connection hints of {@link #furl()}, or empty. */
    List<String> locationHints();

    /** A handle that cancels a registration. */
    @FunctionalInterface
    interface Subscription {
        /** Cancels; harmless if already cancelled or already fired. */
        void cancel();
    }
}
