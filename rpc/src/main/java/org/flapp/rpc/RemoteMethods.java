package org.flapp.rpc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The explicit table of methods a {@link Referenceable} offers to peers: name to handler. There is
 * no reflection: a method a peer names that is not in the table is refused.
 *
 * <p>A handler returns the answer value, or a {@link java.util.concurrent.CompletionStage} that
 * completes with it later; it may throw to send the caller an error. Handlers run on the Tub's
 * call executor (see {@link TubOptions.Builder#callExecutor}), one at a time per connection in
 * arrival order; a handler that returns a stage lets later calls start before it answers.
 * Handlers must not block waiting for answers from the same connection.
 */
public final class RemoteMethods {
    /** One remotely callable method. */
    @FunctionalInterface
    public interface Handler {
        /**
         * Runs the call. Returns the answer (any serializable value, {@code null} for None) or a
         * {@code CompletionStage} of it.
         */
        Object invoke(Arguments args) throws Exception;
    }

    private final String interfaceName;
    private final Map<String, Handler> handlers;

    private RemoteMethods(String interfaceName, Map<String, Handler> handlers) {
        this.interfaceName = interfaceName;
        this.handlers = Map.copyOf(handlers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The handler for {@code name}, if the table has one. */
    public Optional<Handler> find(String name) {
        return Optional.ofNullable(handlers.get(name));
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

    public static final class Builder {
        private String interfaceName = "";
        private final Map<String, Handler> handlers = new LinkedHashMap<>();

        private Builder() {}

        public Builder interfaceName(String name) {
            this.interfaceName = Objects.requireNonNull(name);
            return this;
        }

        public Builder method(String name, Handler handler) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(handler, "handler");
            if (handlers.putIfAbsent(name, handler) != null) {
                throw new IllegalArgumentException("method " + name + " is already in the table");
            }
            return this;
        }

        public RemoteMethods build() {
            return new RemoteMethods(interfaceName, handlers);
        }
    }
}
