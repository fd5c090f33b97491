package org.flapp.rpc;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The explicit table of methods a {@link Referenceable} offers to peers: name to argument
 * constraints ({@link Signature}) to handler. There is no reflection: a call to a method that is
 * not in the table is refused before its arguments are decoded (the peer gets Foolscap's
 * {@code AttributeError}), and arguments that break the method's signature are refused while they
 * are decoded (a {@code foolscap.tokens.Violation}), so a handler only ever sees arguments that
 * meet it. A method declared without a signature accepts any arguments within the Tub's limits.
 *
 * <pre>{@code
 * RemoteMethods.builder()
 *     .method("add", Signature.of(Signature.required("a", Constraint.integer()),
 *                                 Signature.required("b", Constraint.integer())),
 *             args -> args.longValue(0) + args.longValue(1))
 *     .build();
 * }</pre>
 *
 * <p>A handler returns the answer value, or a {@link java.util.concurrent.CompletionStage} that
 * completes with it later; it may throw to send the caller an error. Handlers run on the Tub's
 * call executor (see {@link TubOptionsBuilder#callExecutor}), one at a time per connection in
 * arrival order; a handler that returns a stage lets later calls start before it answers.
 * Handlers must not block waiting for answers from the same connection.
 *
 * <p>A method declared with {@link Builder#nonBlockingMethod} runs on the connection's network
 * thread instead, inside the read that brought the call, whenever no earlier call of that
 * connection is still waiting for or running on the call executor (else it takes its turn
 * there, so the order holds): no thread hand-off on either side of it, and its answer leaves in
 * the same write as the others of that read. Only for handlers that compute from their
 * arguments, or hand the work elsewhere and return a stage: such a handler must never block (no
 * file, process or socket I/O, no waiting on a future or a lock held for long), as every other
 * connection of that thread waits meanwhile.
 */
public final class RemoteMethods {
    /** One remotely callable method. */
    @FunctionalInterface
    public interface Handler {
        /**
         * Runs the call. Returns the answer (any serializable value, {@code null} for None) or a
         * {@code CompletionStage} of it. A {@code byte[]} answer is the engine's until it has been
         * written ({@link Arguments#answerWritten()}): long ones are sent from the array itself.
         */
        Object invoke(Arguments args) throws Exception;
    }

    private final String interfaceName;
    private final String className;
    private final Map<String, Handler> handlers;
    private final Map<String, Signature> signatures;
    private final Set<String> nonBlocking;

    private RemoteMethods(String interfaceName, String className, Map<String, Handler> handlers,
            Map<String, Signature> signatures, Set<String> nonBlocking) {
        this.interfaceName = interfaceName;
        this.className = className;
        this.handlers = Map.copyOf(handlers);
        this.signatures = Map.copyOf(signatures);
        this.nonBlocking = Set.copyOf(nonBlocking);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The handler for {@code name}, if the table has one. */
    public Optional<Handler> find(String name) {
        return Optional.ofNullable(handlers.get(name));
    }

    /** The argument constraints of {@code name}, if the table has that method. */
    public Optional<Signature> signature(String name) {
        return Optional.ofNullable(signatures.get(name));
    }

    /** Whether {@code name} was declared with {@link Builder#nonBlockingMethod}. */
    public boolean isNonBlocking(String name) {
        return nonBlocking.contains(name);
    }

    public Set<String> names() {
        return handlers.keySet();
    }

    /**
     * The interface name sent with the first reference to the object; empty for objects that
     * declare none (every flapp service, as in Foolscap).
     */
    public String interfaceName() {
        return interfaceName;
    }

    /**
     * The class name a peer sees when it calls a method the table lacks: Foolscap answers
     * {@code AttributeError: 'NAME' object has no attribute 'remote_METHOD'}, naming the Python
     * class. Empty when not set; the object's Java class name is shown then.
     */
    public String className() {
        return className;
    }

    public static final class Builder {
        private String interfaceName = "";
        private String className = "";
        private final Map<String, Handler> handlers = new LinkedHashMap<>();
        private final Map<String, Signature> signatures = new LinkedHashMap<>();
        private final Set<String> nonBlocking = new HashSet<>();

        private Builder() {}

        public Builder interfaceName(String name) {
            this.interfaceName = Objects.requireNonNull(name);
            return this;
        }

        /** See {@link RemoteMethods#className()}: e.g. the Python class a service stands in for. */
        public Builder className(String name) {
            this.className = Objects.requireNonNull(name);
            return this;
        }

        /** A method that accepts any arguments within the Tub's limits ({@link Signature#any()}). */
        public Builder method(String name, Handler handler) {
            return method(name, Signature.any(), handler);
        }

        /** A method whose arguments must meet {@code signature}. */
        public Builder method(String name, Signature signature, Handler handler) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(signature, "signature");
            Objects.requireNonNull(handler, "handler");
            if (handlers.putIfAbsent(name, handler) != null) {
                throw new IllegalArgumentException("method " + name + " is already in the table");
            }
            signatures.put(name, signature);
            return this;
        }

        /**
         * A method whose handler never blocks, run on the network thread (see the class comment);
         * it accepts any arguments within the Tub's limits.
         */
        public Builder nonBlockingMethod(String name, Handler handler) {
            return nonBlockingMethod(name, Signature.any(), handler);
        }

        /** A method whose handler never blocks (see the class comment) and whose arguments must meet {@code signature}. */
        public Builder nonBlockingMethod(String name, Signature signature, Handler handler) {
            method(name, signature, handler);
            nonBlocking.add(name);
            return this;
        }

        public RemoteMethods build() {
            return new RemoteMethods(interfaceName, className, handlers, signatures, nonBlocking);
        }
    }
}
