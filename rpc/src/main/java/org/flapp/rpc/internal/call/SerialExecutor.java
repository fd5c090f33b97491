package org.flapp.rpc.internal.call;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared delegate executor. Each connection
 * has one, so inbound calls start in the order they arrived and answers are delivered in order,
 * without giving every connection a thread of its own.
 *
 * <p>Thread-safe. A task that throws is logged and does not stop the queue.
 */
final class SerialExecutor implements Executor {
    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor delegate;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        scheduleIfIdle();
    }

    /**
     * True when no task waits or runs: a task run elsewhere now would not overtake one of this
     * executor's (as long as nobody submits meanwhile: ask on the thread that submits).
     */
    boolean isIdle() {
        return !scheduled.get() && tasks.isEmpty();
    }

    private void scheduleIfIdle() {
        if (scheduled.compareAndSet(false, true)) {
            delegate.execute(this::drain);
        }
    }

    private void drain() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (Throwable t) {
                log.warn("task failed on a connection's call executor", t);
            }
        }
        scheduled.set(false);
        // a task may have been added after the last poll but before the flag was cleared
        if (!tasks.isEmpty()) {
            scheduleIfIdle();
        }
    }
}
