package org.flapp.rpc.internal.call;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The clock and timers of a connection's timed handlers ({@link Keepalive}): the channel's event
 * loop in production; a test passes one it advances by hand, so nothing waits for real time.
 * Tasks run on the channel's event loop in production; a test's scheduler runs them on the thread
 * that advances its time.
 */
public interface Scheduler {
    /** A monotonic time in nanoseconds (only differences mean anything). */
    long nanoTime();

    /** Runs {@code task} once, {@code delay} from now. */
    Timer schedule(Runnable task, Duration delay);

    /** A scheduled task that has not run yet can be cancelled. */
    interface Timer {
        void cancel();
    }

    /** Real time, with the timers of {@code executor} (a channel's event loop). */
    static Scheduler of(EventExecutor executor) {
        return new Scheduler() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public Timer schedule(Runnable task, Duration delay) {
                ScheduledFuture<?> future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
                return () -> future.cancel(false);
            }
        };
    }
}
