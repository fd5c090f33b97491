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

    // ---- write back-pressure and gifts (the broker's limits) ----
    /** Bytes queued for one peer above which we stop reading from it and hold further messages. */
    public static final int DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK = 256 * 1024;
    /** Bytes queued for one peer below which we read from it and send again. */
    public static final int DEFAULT_WRITE_BUFFER_LOW_WATER_MARK = 128 * 1024;
    /** Their-references whose connection may be under way at once on one connection (gifts on). */
    public static final int DEFAULT_MAX_GIFT_LOOKUPS = 16;

    // ---- fixed limits of negotiation (not tunable; all limits are listed in docs/limits.md) ----
    /**
     * Largest negotiation block (the request, its reply, a hello, a decision) including its blank
     * line, and most bytes a peer may send before the TLS handshake is done: Foolscap's 4096. More
     * refuses the connection.
     */
    public static final int MAX_NEGOTIATION_BLOCK = 4096;
    /** Most certificates in a peer's TLS chain; a longer chain fails the handshake unchecked. */
    public static final int MAX_CERTIFICATE_CHAIN = 10;

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
    private final int writeBufferLowWaterMark;
    private final int writeBufferHighWaterMark;
    private final boolean acceptGifts;
    private final int maxGiftLookups;
    private final Executor callExecutor;
    private final Duration requestTimeout;
    private final Duration graceTime;
    private final Duration idleTimeout;
    private final int maxConnections;
    private final int maxConnectionsPerAddress;
    private final Duration refusalLogInterval;
    private final long maxMessageWork;

    private TubOptions(Builder b) {
        this.negotiationTimeout = b.negotiationTimeout;
        this.connectTimeout = b.connectTimeout;
        this.keepaliveInterval = b.keepaliveInterval;
        this.maxStringLength = b.maxStringLength;
        this.maxMessageSize = b.maxMessageSize;
        this.maxDepth = b.maxDepth;
        this.maxPendingInboundCalls = b.maxPendingInboundCalls;
        this.writeBufferLowWaterMark = b.writeBufferLowWaterMark;
        this.writeBufferHighWaterMark = b.writeBufferHighWaterMark;
        this.acceptGifts = b.acceptGifts;
        this.maxGiftLookups = b.maxGiftLookups;
        this.callExecutor = b.callExecutor;
        this.requestTimeout = b.requestTimeout;
        this.graceTime = b.graceTime;
        this.idleTimeout = b.idleTimeout;
        this.maxConnections = b.maxConnections;
        this.maxConnectionsPerAddress = b.maxConnectionsPerAddress;
        this.refusalLogInterval = b.refusalLogInterval;
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

    /**
     * The peer's calls on one connection that may be unfinished (waiting for third-party
     * references, waiting to run, running, or answered but not yet written) before we stop reading
     * from it. Default {@value #DEFAULT_MAX_PENDING_INBOUND_CALLS}.
     */
    public int maxPendingInboundCalls() {
        return maxPendingInboundCalls;
    }

    /**
     * Write back-pressure: once this many bytes wait to be written to a peer (answers, errors,
     * calls, PONGs alike: the socket's outbound buffer), we stop reading from that peer and keep
     * further messages unencoded until it has read enough. Default
     * {@value #DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK} bytes. A peer that never reads holds at most
     * this plus one message of our memory in bytes.
     */
    public int writeBufferHighWaterMark() {
        return writeBufferHighWaterMark;
    }

    /**
     * Reading and sending resume once the bytes waiting for the peer fall below this. Default
     * {@value #DEFAULT_WRITE_BUFFER_LOW_WATER_MARK} bytes.
     */
    public int writeBufferLowWaterMark() {
        return writeBufferLowWaterMark;
    }

    /**
     * Whether a their-reference (a "gift": a reference to a third Tub's object) is accepted. Off
     * by default: accepting one makes us connect to whatever FURL the sender chose, so with gifts
     * off a message carrying one is refused as a Violation and no connection is ever attempted.
     * Turn it on only between Tubs that trust each other to introduce third parties.
     */
    public boolean acceptGifts() {
        return acceptGifts;
    }

    /**
     * With gifts on: how many third-party references may be connecting at once per connection
     * (a further one makes its message a Violation). Default {@value #DEFAULT_MAX_GIFT_LOOKUPS}.
     * The calls waiting for them count against {@link #maxPendingInboundCalls()}.
     */
    public int maxGiftLookups() {
        return maxGiftLookups;
    }

    /**
     * Where remote-method handlers, name lookups and future completions run; {@code null} means a
     * shared pool of the Tub's own. Work for one connection is always run in order, one at a time.
     */
    public Executor callExecutor() {
        return callExecutor;
    }

    // ---- connection limits: accepted connections only, like sshd's LoginGraceTime/MaxStartups ----

    /**
     * An accepted connection must have sent its whole {@code GET /id/} request within this long, or
     * it is closed silently (a slow-loris peer). Real clients send it at once. Default 10 s.
     */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * An accepted connection that has not obtained a reference (no successful look-up of a
     * swissnum) this long after it was accepted is closed; this includes negotiation, so for
     * accepted connections it is usually reached before {@link #negotiationTimeout()}. Default 30 s.
     */
    public Duration graceTime() {
        return graceTime;
    }

    /**
     * An accepted connection that has obtained a reference is closed when it has received no call,
     * answer or error for this long while no call is in progress in either direction; keepalive
     * PINGs and PONGs do not count as use. Default 10 min.
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * Accepted connections open at once, in any phase; one more is closed as soon as it is
     * accepted. Default 2048.
     */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * Accepted connections open at once from one source (an IPv4 address, or an IPv6 /64
     * network); one more is closed as soon as it is accepted. Default 64.
     */
    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    /**
     * Connections refused by {@link #maxConnections()} or {@link #maxConnectionsPerAddress()} are
     * logged once when the first is refused, then as one summary line per interval while refusals
     * go on, never once per connection. Default 60 s.
     */
    public Duration refusalLogInterval() {
        return refusalLogInterval;
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
        private int writeBufferLowWaterMark = DEFAULT_WRITE_BUFFER_LOW_WATER_MARK;
        private int writeBufferHighWaterMark = DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK;
        private boolean acceptGifts;
        private int maxGiftLookups = DEFAULT_MAX_GIFT_LOOKUPS;
        private Executor callExecutor;
        // connection limits: the defaults the accessors' comments and docs/limits.md state
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration graceTime = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofMinutes(10);
        private int maxConnections = 2048;
        private int maxConnectionsPerAddress = 64;
        private Duration refusalLogInterval = Duration.ofSeconds(60);
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

        /** Both marks at once (a low mark above the high one is refused). */
        public Builder writeBufferWaterMark(int low, int high) {
            atLeast(low, 1, "writeBufferLowWaterMark");
            if (high < low) {
                throw new IllegalArgumentException("writeBufferHighWaterMark must be at least the low mark "
                        + low + ", got " + high);
            }
            this.writeBufferLowWaterMark = low;
            this.writeBufferHighWaterMark = high;
            return this;
        }

        public Builder acceptGifts(boolean value) {
            this.acceptGifts = value;
            return this;
        }

        public Builder maxGiftLookups(int value) {
            this.maxGiftLookups = atLeast(value, 1, "maxGiftLookups");
            return this;
        }

        public Builder callExecutor(Executor executor) {
            this.callExecutor = executor;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            this.requestTimeout = positive(value, "requestTimeout");
            return this;
        }

        public Builder graceTime(Duration value) {
            this.graceTime = positive(value, "graceTime");
            return this;
        }

        public Builder idleTimeout(Duration value) {
            this.idleTimeout = positive(value, "idleTimeout");
            return this;
        }

        public Builder maxConnections(int value) {
            this.maxConnections = atLeast(value, 1, "maxConnections");
            return this;
        }

        public Builder maxConnectionsPerAddress(int value) {
            this.maxConnectionsPerAddress = atLeast(value, 1, "maxConnectionsPerAddress");
            return this;
        }

        public Builder refusalLogInterval(Duration value) {
            this.refusalLogInterval = positive(value, "refusalLogInterval");
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
