package org.flapp.rpc.internal.call;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link Scheduler} whose time moves only when a test calls {@link #advance}; tasks run there. */
final class ManualScheduler implements Scheduler {
    private long now;
    private final List<Task> tasks = new ArrayList<>();

    private final class Task implements Timer {
        final long due;
        final Runnable body;

        Task(long due, Runnable body) {
            this.due = due;
            this.body = body;
        }

        @Override
        public void cancel() {
            tasks.remove(this);
        }
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Timer schedule(Runnable task, Duration delay) {
        Task t = new Task(now + delay.toNanos(), task);
        tasks.add(t);
        return t;
    }

    /** Moves time forward by {@code step}, running every task that falls due, in time order. */
    void advance(Duration step) {
        long end = now + step.toNanos();
        while (true) {
            Task next = null;
            for (Task t : tasks) {
                if (t.due <= end && (next == null || t.due < next.due)) {
                    next = t;
                }
            }
            if (next == null) {
                break;
            }
            tasks.remove(next);
            now = Math.max(now, next.due);
            next.body.run();
        }
        now = end;
    }

    int scheduled() {
        return tasks.size();
    }
}
