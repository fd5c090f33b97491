package org.flapp.rpc.internal.clock;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ConnectionClock} that stands still until a test calls {@link #advance}. Due tasks run
 * on their own event loop (at once for an {@code EmbeddedChannel}'s loop, which runs them inline);
 * {@code advance} returns once they have run. Thread-safe.
 */
public final class ManualClock implements ConnectionClock {
    private record Entry(long due, long order, EventLoop loop, Runnable task, boolean[] cancelled) {}

    private final PriorityQueue<Entry> queue = new PriorityQueue<>(
            Comparator.comparingLong(Entry::due).thenComparingLong(Entry::order));
    private long now = 1_000_000_000L;
    private long order;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Timer schedule(EventLoop loop, Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        queue.add(new Entry(now + Math.max(0, delay.toNanos()), order++, loop, task, cancelled));
        return () -> {
            synchronized (ManualClock.this) {
                cancelled[0] = true;
            }
        };
    }

    /** Tasks scheduled and neither run nor cancelled. */
    public synchronized int pending() {
        return (int) queue.stream().filter(e -> !e.cancelled()[0]).count();
    }

    /**
     * Moves time on by {@code delta} and runs every task that falls due, in due order; tasks that
     * those tasks schedule within the step run too. Waits up to 10 s for each task.
     */
    public void advance(Duration delta) {
        long target;
        synchronized (this) {
            target = now + delta.toNanos();
        }
        while (true) {
            Entry next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due() > target) {
                    now = target;
                    return;
                }
                queue.poll();
                now = Math.max(now, next.due());
                if (next.cancelled()[0]) {
                    continue;
                }
            }
            run(next);
        }
    }

    private static void run(Entry entry) {
        if (entry.loop().inEventLoop()) {
            entry.task().run();
            return;
        }
        try {
            entry.loop().submit(entry.task()).await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a timer task ran", e);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the loop has shut down: its channels are gone, and so is the task's point
        }
    }

    /** For diagnostics: the delays (from now) of the pending tasks. */
    public synchronized List<Duration> pendingDelays() {
        List<Duration> delays = new ArrayList<>();
        for (Entry e : queue) {
            if (!e.cancelled()[0]) {
                delays.add(Duration.ofNanos(e.due() - now));
            }
        }
        delays.sort(null);
        return delays;
    }
}
