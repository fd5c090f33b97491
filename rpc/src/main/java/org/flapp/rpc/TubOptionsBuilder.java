package org.flapp.rpc;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Builds {@link TubOptions}: every setter checks its value, {@link #build} takes a snapshot (a
 * builder can go on being changed and used again). The defaults are those documented on the
 * accessors of {@link TubOptions} and in docs/limits.md.
 */
public final class TubOptionsBuilder implements Cloneable {
    Duration negotiationTimeout = Duration.ofSeconds(120);
    Duration connectTimeout = Duration.ofSeconds(120);
    Duration keepaliveInterval = Duration.ofSeconds(240);
    int maxStringLength = TubOptions.DEFAULT_MAX_STRING_LENGTH;
    int maxMessageSize = TubOptions.DEFAULT_MAX_MESSAGE_SIZE;
    int maxDepth = TubOptions.DEFAULT_MAX_DEPTH;
    int maxPendingInboundCalls = TubOptions.DEFAULT_MAX_PENDING_INBOUND_CALLS;
    int writeBufferLowWaterMark = TubOptions.DEFAULT_WRITE_BUFFER_LOW_WATER_MARK;
    int writeBufferHighWaterMark = TubOptions.DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK;
    boolean acceptGifts;
    int maxGiftLookups = TubOptions.DEFAULT_MAX_GIFT_LOOKUPS;
    Executor callExecutor;
    // connection limits: the defaults the accessors' comments and docs/limits.md state
    Duration requestTimeout = Duration.ofSeconds(10);
    Duration graceTime = Duration.ofSeconds(30);
    Duration idleTimeout = Duration.ofMinutes(10);
    int maxConnections = 2048;
    int maxConnectionsPerAddress = 64;
    Duration refusalLogInterval = Duration.ofSeconds(60);
    long maxMessageWork = TubOptions.DEFAULT_MAX_MESSAGE_WORK;
    // tor: hints (none by default, as a Python Tub without a Tor handler)
    InetSocketAddress torSocksProxy;

    TubOptionsBuilder() {}

    /**
     * See {@link TubOptions#torSocksProxy()}: the SOCKS5 port of a local Tor (its SocksPort,
     * usually 127.0.0.1:9050); must be a resolved address, or null for none.
     */
    public TubOptionsBuilder torSocksProxy(InetSocketAddress value) {
        if (value != null && value.isUnresolved()) {
            throw new IllegalArgumentException("the Tor SOCKS proxy address must be resolved: " + value);
        }
        this.torSocksProxy = value;
        return this;
    }

    /** See {@link TubOptions#maxMessageWork()}; at least 1024. */
    public TubOptionsBuilder maxMessageWork(long value) {
        if (value < 1024) {
            throw new IllegalArgumentException("maxMessageWork must be at least 1024, got " + value);
        }
        this.maxMessageWork = value;
        return this;
    }

    public TubOptionsBuilder negotiationTimeout(Duration value) {
        this.negotiationTimeout = positive(value, "negotiationTimeout");
        return this;
    }

    public TubOptionsBuilder connectTimeout(Duration value) {
        this.connectTimeout = positive(value, "connectTimeout");
        return this;
    }

    public TubOptionsBuilder keepaliveInterval(Duration value) {
        this.keepaliveInterval = positive(value, "keepaliveInterval");
        return this;
    }

    public TubOptionsBuilder maxStringLength(int value) {
        this.maxStringLength = atLeast(value, 64, "maxStringLength");
        return this;
    }

    public TubOptionsBuilder maxMessageSize(int value) {
        this.maxMessageSize = atLeast(value, 1024, "maxMessageSize");
        return this;
    }

    public TubOptionsBuilder maxDepth(int value) {
        this.maxDepth = atLeast(value, 4, "maxDepth");
        return this;
    }

    public TubOptionsBuilder maxPendingInboundCalls(int value) {
        this.maxPendingInboundCalls = atLeast(value, 1, "maxPendingInboundCalls");
        return this;
    }

    /** Both marks at once (a low mark above the high one is refused). */
    public TubOptionsBuilder writeBufferWaterMark(int low, int high) {
        atLeast(low, 1, "writeBufferLowWaterMark");
        if (high < low) {
            throw new IllegalArgumentException("writeBufferHighWaterMark must be at least the low mark "
                    + low + ", got " + high);
        }
        this.writeBufferLowWaterMark = low;
        this.writeBufferHighWaterMark = high;
        return this;
    }

    public TubOptionsBuilder acceptGifts(boolean value) {
        this.acceptGifts = value;
        return this;
    }

    public TubOptionsBuilder maxGiftLookups(int value) {
        this.maxGiftLookups = atLeast(value, 1, "maxGiftLookups");
        return this;
    }

    public TubOptionsBuilder callExecutor(Executor executor) {
        this.callExecutor = executor;
        return this;
    }

    public TubOptionsBuilder requestTimeout(Duration value) {
        this.requestTimeout = positive(value, "requestTimeout");
        return this;
    }

    public TubOptionsBuilder graceTime(Duration value) {
        this.graceTime = positive(value, "graceTime");
        return this;
    }

    public TubOptionsBuilder idleTimeout(Duration value) {
        this.idleTimeout = positive(value, "idleTimeout");
        return this;
    }

    public TubOptionsBuilder maxConnections(int value) {
        this.maxConnections = atLeast(value, 1, "maxConnections");
        return this;
    }

    public TubOptionsBuilder maxConnectionsPerAddress(int value) {
        this.maxConnectionsPerAddress = atLeast(value, 1, "maxConnectionsPerAddress");
        return this;
    }

    public TubOptionsBuilder refusalLogInterval(Duration value) {
        this.refusalLogInterval = positive(value, "refusalLogInterval");
        return this;
    }

    public TubOptions build() {
        return new TubOptions(this);
    }

    TubOptionsBuilder copy() {
        try {
            return (TubOptionsBuilder) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
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
