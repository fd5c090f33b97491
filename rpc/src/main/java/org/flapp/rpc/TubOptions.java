package org.flapp.rpc;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
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

    // ---- decoding cost: the work budget of one inbound message ----
    /**
     * Default work budget of one inbound message: 64 Mi steps, four per byte of the largest
     * message, where an ordinary message costs about one (see {@link #maxMessageWork()}).
     */
    public static final long DEFAULT_MAX_MESSAGE_WORK = 64L * 1024 * 1024;

    /** A private copy of the builder it was built from: options never change once built. */
    private final TubOptionsBuilder s;

    TubOptions(TubOptionsBuilder b) {
        this.s = b.copy();
    }

    public static TubOptions defaults() {
        return builder().build();
    }

    public static TubOptionsBuilder builder() {
        return new TubOptionsBuilder();
    }

    /** How long an accepted connection may take to finish negotiation (Foolscap: 120 s). */
    public Duration negotiationTimeout() {
        return s.negotiationTimeout;
    }

    /** How long {@link Tub#getReference} may take to connect and negotiate (Foolscap: 120 s). */
    public Duration connectTimeout() {
        return s.connectTimeout;
    }

    /** A PING is sent after this long without receiving anything (Foolscap: 240 s). */
    public Duration keepaliveInterval() {
        return s.keepaliveInterval;
    }

    /** Largest STRING/LONGINT token body accepted, in bytes; checked before buffering. */
    public int maxStringLength() {
        return s.maxStringLength;
    }

    /** Largest total size of one inbound top-level message (call, answer, error), in bytes. */
    public int maxMessageSize() {
        return s.maxMessageSize;
    }

    /** Deepest nesting of sequences accepted in one inbound message. */
    public int maxDepth() {
        return s.maxDepth;
    }

    /**
     * The peer's calls on one connection that may be unfinished (waiting for third-party
     * references, waiting to run, running, or answered but not yet written) before we stop reading
     * from it. Default {@value #DEFAULT_MAX_PENDING_INBOUND_CALLS}.
     */
    public int maxPendingInboundCalls() {
        return s.maxPendingInboundCalls;
    }

    /**
     * Write back-pressure: once this many bytes wait to be written to a peer (answers, errors,
     * calls, PONGs alike: the socket's outbound buffer), we stop reading from that peer and keep
     * further messages unencoded until it has read enough. Default
     * {@value #DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK} bytes. A peer that never reads holds at most
     * this plus one message of our memory in bytes.
     */
    public int writeBufferHighWaterMark() {
        return s.writeBufferHighWaterMark;
    }

    /**
     * Reading and sending resume once the bytes waiting for the peer fall below this. Default
     * {@value #DEFAULT_WRITE_BUFFER_LOW_WATER_MARK} bytes.
     */
    public int writeBufferLowWaterMark() {
        return s.writeBufferLowWaterMark;
    }

    /**
     * Whether a their-reference (a "gift": a reference to a third Tub's object) is accepted. Off
     * by default: accepting one makes us connect to whatever FURL the sender chose, so with gifts
     * off a message carrying one is refused as a Violation and no connection is ever attempted.
     * Turn it on only between Tubs that trust each other to introduce third parties.
     */
    public boolean acceptGifts() {
        return s.acceptGifts;
    }

    /**
     * With gifts on: how many third-party references may be connecting at once per connection
     * (a further one makes its message a Violation). Default {@value #DEFAULT_MAX_GIFT_LOOKUPS}.
     * The calls waiting for them count against {@link #maxPendingInboundCalls()}.
     */
    public int maxGiftLookups() {
        return s.maxGiftLookups;
    }

    /**
     * Where remote-method handlers, name lookups and future completions run; {@code null} means a
     * shared pool of the Tub's own. Work for one connection is always run in order, one at a time.
     */
    public Executor callExecutor() {
        return s.callExecutor;
    }

    // ---- connection limits: accepted connections only, like sshd's LoginGraceTime/MaxStartups ----

    /**
     * An accepted connection must have sent its whole {@code GET /id/} request within this long, or
     * it is closed silently (a slow-loris peer). Real clients send it at once. Default 10 s.
     */
    public Duration requestTimeout() {
        return s.requestTimeout;
    }

    /**
     * An accepted connection that has not obtained a reference (no successful look-up of a
     * swissnum) this long after it was accepted is closed; this includes negotiation, so for
     * accepted connections it is usually reached before {@link #negotiationTimeout()}. Default 30 s.
     */
    public Duration graceTime() {
        return s.graceTime;
    }

    /**
     * An accepted connection that has obtained a reference is closed when it has received no call,
     * answer or error for this long while no call is in progress in either direction; keepalive
     * PINGs and PONGs do not count as use. Default 10 min.
     */
    public Duration idleTimeout() {
        return s.idleTimeout;
    }

    /**
     * Accepted connections open at once, in any phase; one more is closed as soon as it is
     * accepted. Default 2048.
     */
    public int maxConnections() {
        return s.maxConnections;
    }

    /**
     * Accepted connections open at once from one source (an IPv4 address, or an IPv6 /64
     * network); one more is closed as soon as it is accepted. Default 64.
     */
    public int maxConnectionsPerAddress() {
        return s.maxConnectionsPerAddress;
    }

    /**
     * Connections refused by {@link #maxConnections()} or {@link #maxConnectionsPerAddress()} are
     * logged once when the first is refused, then as one summary line per interval while refusals
     * go on, never once per connection. Default 60 s.
     */
    public Duration refusalLogInterval() {
        return s.refusalLogInterval;
    }

    /**
     * The work budget of one inbound message, in steps (default {@value #DEFAULT_MAX_MESSAGE_WORK}):
     * one per token, plus the hashing and hash-table work its sets and dicts need (memoised, so a
     * shared sub-value is hashed once; a hash collision costs the entries it collides with). A
     * message that needs more is abandoned as a Violation, the connection goes on; for a call the
     * caller gets a {@code foolscap.tokens.Violation} naming this limit. Bounds the CPU time one
     * message can take whatever the method's constraints accept.
     */
    public long maxMessageWork() {
        return s.maxMessageWork;
    }

    /**
     * Where {@code tor:HOST:PORT} hints are dialed: a Tor SOCKS5 port, to which each connection
     * names HOST (an onion address, or a name Tor resolves) and PORT; nothing is resolved locally.
     * Empty by default: the Tub skips {@code tor:} hints, as a Python Tub without a Tor
     * connection handler does.
     */
    public Optional<InetSocketAddress> torSocksProxy() {
        return Optional.ofNullable(s.torSocksProxy);
    }
}
