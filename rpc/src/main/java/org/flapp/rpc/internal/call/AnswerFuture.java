package org.flapp.rpc.internal.call;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future a caller gets for an answer: completed on the connection's serial executor (so that
 * dependent stages never run on a network thread), while a thread blocked in {@link #get()} or
 * {@link #join()} is woken straight from the network thread by the {@code raw} future, which has
 * no user stages. That saves a blocking caller one thread hand-off per call (the serial executor
 * waking, then waking the caller), which is most of a call's latency on loopback.
 *
 * <p>Pitfall: a blocking getter may return a moment before {@link #isDone()} turns true; and
 * cancelling this future does not wake a thread already blocked in a getter (the answer or the
 * connection's loss does). Dependents see exactly the usual CompletableFuture behaviour.
 */
final class AnswerFuture<T> extends CompletableFuture<T> {
    private final CompletableFuture<T> raw;

    AnswerFuture(CompletableFuture<T> raw) {
        this.raw = raw;
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        return isDone() ? super.get() : raw.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        return isDone() ? super.get() : raw.get(timeout, unit);
    }

    @Override
    public T join() {
        return isDone() ? super.join() : raw.join();
    }
}
