package org.flapp.rpc.internal.negotiation;

import io.netty.channel.Channel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.flapp.rpc.NegotiationException;
import org.flapp.rpc.NegotiationException.Reason;
import org.flapp.rpc.internal.clock.ConnectionClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's negotiation, shared by the handlers of its phases: our role, the Tub, what we
 * expect of the peer, the deadline, and (on the connecting side) the future the caller waits on.
 * The accepting side has no future: failures are logged and the connection closed.
 * Used on the channel's event loop, except {@link #result()} which any thread may observe.
 */
final class NegotiationAttempt {
    private static final Logger log = LoggerFactory.getLogger(NegotiationAttempt.class);

    /** What the connecting side aims at, from the FURL, and the future its caller waits on. */
    private record Target(String hintHost, int hintPort, String expectedTubId, CompletableFuture<Channel> result) {}

    private final NegotiationHost host;
    /** Null on the accepting side. */
    private final Target target;
    private volatile Channel channel;
    private ConnectionClock.Timer deadline;
    private boolean done;

    private NegotiationAttempt(NegotiationHost host, Target target) {
        this.host = host;
        this.target = target;
    }

    static NegotiationAttempt accepting(NegotiationHost host) {
        return new NegotiationAttempt(host, null);
    }

    static NegotiationAttempt connecting(NegotiationHost host, String hintHost, int hintPort, String expectedTubId) {
        CompletableFuture<Channel> result = new CompletableFuture<>();
        NegotiationAttempt attempt = new NegotiationAttempt(host, new Target(hintHost, hintPort, expectedTubId, result));
        result.whenComplete((ch, error) -> {
            Channel current = attempt.channel;
            if (error != null && current != null) {
                current.close(); // timed out, cancelled by the caller, or failed: stop negotiating
            }
        });
        return attempt;
    }

    NegotiationHost host() {
        return host;
    }

    boolean weConnected() {
        return target != null;
    }

    /** The TubID named by the FURL (connecting side only). */
    String expectedTubId() {
        return target == null ? null : target.expectedTubId();
    }

    String hintHost() {
        return target == null ? null : target.hintHost();
    }

    CompletableFuture<Channel> result() {
        return target == null ? null : target.result();
    }

    /** Starts the negotiation clock; on expiry the connection is closed (and the future failed). */
    void start(Channel ch, Duration timeout) {
        this.channel = ch;
        deadline = host.clock().schedule(ch.eventLoop(), timeout, () -> {
            if (!done) {
                failed(Reason.TIMED_OUT, "negotiation timed out after " + timeout.toMillis() + " ms");
                ch.close(); // the accepting side closes silently, as Foolscap does
            }
        });
    }

    /** Attaches a channel created before the clock started (connecting side). */
    void attach(Channel ch) {
        this.channel = ch;
    }

    boolean isDone() {
        return done;
    }

    /** Negotiation finished and the host accepted the channel. */
    void succeeded(Channel ch) {
        if (finish() && target != null) {
            target.result().complete(ch);
        }
    }

    /** Negotiation failed; the caller closes the channel. Only the first outcome counts. */
    void failed(NegotiationFailure failure) {
        failed(failure.reason(), failure.getMessage(), null);
    }

    void failed(Reason reason, String description) {
        failed(reason, description, null);
    }

    void failed(Reason reason, String description, Throwable cause) {
        if (!finish()) {
            return;
        }
        String where = target != null ? "negotiation with " + target.hintHost() + ":" + target.hintPort()
                : "negotiation with " + (channel == null ? "?" : channel.remoteAddress());
        if (target != null) {
            target.result().completeExceptionally(new NegotiationException(reason, where + " failed: " + description, cause));
        } else {
            log.debug("{} failed: {}", where, description, cause);
        }
    }

    private boolean finish() {
        if (done) {
            return false;
        }
        done = true;
        if (deadline != null) {
            deadline.cancel();
        }
        return true;
    }
}
