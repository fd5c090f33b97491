package org.flapp.rpc;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Every tunable of a {@link Tub}, with Foolscap-compatible defaults. The limits bound what one
 * peer can make us buffer; each error message that a limit produces names the limit and the value.
 *
 * <pre>{@code
 * TubOptions options = TubOptions.builder().maxStringLength(4 << 20).build();
 * }</pre>
 */
public final class TubOptions {
    /** Foolscap's upload protocol moves 1 MiB byte strings: leave room for them. */
    public static final int DEFAULT_MAX_STRING_LENGTH = 2 * 1024 * 1024;
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 16 * 1024 * 1024;
    public static final int DEFAULT_MAX_DEPTH = 1000;
    public static final int DEFAULT_MAX_PENDING_INBOUND_CALLS = 1000;

    // ---- decoding cost (issue 9): the work budget of one inbound message
    /**
     * Default work budget of one inbound message: 64 Mi steps, four per byte of the largest
     * message, where an ordinary message costs about one (see {@link #maxMessageWork()}).
     */
    public static final long DEFAULT_MAX_MESSAGE_WORK = 64L * 1024 * 1024;
    // ---- end of decoding cost

    private final Duration negotiationTimeout;
    private final Duration connectTimeout;
    private final Duration keepaliveInterval;
    private final int maxStringLength;
    private final int maxMessageSize;
    private final int maxDepth;
    private final int maxPendingInboundCalls;
    private final Executor callExecutor;
    private final long maxMessageWork;

    private TubOptions(Builder b) {
        this.negotiationTimeout = b.negotiationTimeout;
        this.connectTimeout = b.connectTimeout;
        this.keepaliveInterval = b.keepaliveInterval;
        this.maxStringLength = b.maxStringLength;
        this.maxMessageSize = b.maxMessageSize;
        this.maxDepth = b.maxDepth;
        this.maxPendingInboundCalls = b.maxPendingInboundCalls;
        this.callExecutor = b.callExecutor;
        this.maxMessageWork = b.maxMessageWork;
    }

    public static TubOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How long an accepted connection may take to finish negotiation (Foolscap: 120 s). */
    public Duration negotiationTimeout() {
        return negotiationTimeout;
    }

    /** How long {@link Tub#getReference} may take to connect and negotiate (Foolscap: 120 s). */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** A PING is sent after this long without receiving anything (Foolscap: 240 s). */
    public Duration keepaliveInterval() {
        return keepaliveInterval;
    }

    /** Largest STRING/LONGINT token body accepted, in bytes; checked before buffering. */
    public int maxStringLength() {
        return maxStringLength;
    }

    /** Largest total size of one inbound top-level message (call, answer, error), in bytes. */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    /** Deepest nesting of sequences accepted in one inbound message. */
    public int maxDepth() {
        return maxDepth;
    }

    /** Inbound calls waiting to run on one connection before we stop reading from it. */
    public int maxPendingInboundCalls() {
        return maxPendingInboundCalls;
    }

    /**
     * Where remote-method handlers, name lookups and future completions run; {@code null} means a
     * shared pool of the Tub's own. Work for one connection is always run in order, one at a time.
     */
    public Executor callExecutor() {
        return callExecutor;
    }

    // ---- decoding cost (issue 9)

    /**
     * The work budget of one inbound message, in steps (default {@value #DEFAULT_MAX_MESSAGE_WORK}):
     * one per token, plus the hashing and hash-table work its sets and dicts need (memoised, so a
     * shared sub-value is hashed once; a hash collision costs the entries it collides with). A
     * message that needs more is abandoned as a Violation, the connection goes on; for a call the
     * caller gets a {@code foolscap.tokens.Violation} naming this limit. Bounds the CPU time one
     * message can take whatever the method's constraints accept.
     */
    public long maxMessageWork() {
        return maxMessageWork;
    }

    // ---- end of decoding cost

    public static final class Builder {
        private Duration negotiationTimeout = Duration.ofSeconds(120);
        private Duration connectTimeout = Duration.ofSeconds(120);
        private Duration keepaliveInterval = Duration.ofSeconds(240);
        private int maxStringLength = DEFAULT_MAX_STRING_LENGTH;
        private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private int maxDepth = DEFAULT_MAX_DEPTH;
        private int maxPendingInboundCalls = DEFAULT_MAX_PENDING_INBOUND_CALLS;
        private Executor callExecutor;
        private long maxMessageWork = DEFAULT_MAX_MESSAGE_WORK;

        private Builder() {}

        // ---- decoding cost (issue 9)

        /** See {@link TubOptions#maxMessageWork()}; at least 1024. */
        public Builder maxMessageWork(long value) {
            if (value < 1024) {
                throw new IllegalArgumentException("maxMessageWork must be at least 1024, got " + value);
            }
            this.maxMessageWork = value;
            return this;
        }

        // ---- end of decoding cost

        public Builder negotiationTimeout(Duration value) {
            this.negotiationTimeout = positive(value, "negotiationTimeout");
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive(value, "connectTimeout");
            return this;
        }

        public Builder keepaliveInterval(Duration value) {
            this.keepaliveInterval = positive(value, "keepaliveInterval");
            return this;
        }

        public Builder maxStringLength(int value) {
            this.maxStringLength = atLeast(value, 64, "maxStringLength");
            return this;
        }

        public Builder maxMessageSize(int value) {
            this.maxMessageSize = atLeast(value, 1024, "maxMessageSize");
            return this;
        }

        public Builder maxDepth(int value) {
            this.maxDepth = atLeast(value, 4, "maxDepth");
            return this;
        }

        public Builder maxPendingInboundCalls(int value) {
            this.maxPendingInboundCalls = atLeast(value, 1, "maxPendingInboundCalls");
            return this;
        }

        public Builder callExecutor(Executor executor) {
            this.callExecutor = executor;
            return this;
        }

        public TubOptions build() {
            return new TubOptions(this);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }

        private static int atLeast(int value, int min, String name) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
            }
            return value;
        }
    }
}
