package org.flapp.rpc.internal.clock;

import io.netty.channel.EventLoop;
import java.time.Duration;

/**
 * The time source and timer of connection deadlines (request line, negotiation, grace time, idle
 * time, refusal log). Production uses the event loops' own timers; tests substitute a manual
 * clock and move time on without sleeping. Thread-safe.
 */
public interface ConnectionClock {
    /** The event loops' timers and {@link System#nanoTime()}. */
    static ConnectionClock system() {
        return EventLoopClock.INSTANCE;
    }

    /** Monotonic time in nanoseconds; only differences mean something. */
    long nanoTime();

    /**
     * Runs {@code task} on {@code loop} once {@code delay} has passed, unless cancelled before.
     * A non-positive delay runs it in a later turn of the loop.
     */
    Timer schedule(EventLoop loop, Duration delay, Runnable task);

    /** A scheduled task. */
    interface Timer {
        /** The task will not run (it may be running already). Safe to call more than once. */
        void cancel();
    }
}
