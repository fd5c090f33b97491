package org.flapp.services.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.flapp.rpc.DeadReferenceException;
import org.flapp.rpc.RemoteReference;

/**
 * A stand-in for a client's object as the RPC engine would present it: answers arrive later on
 * another thread (like the Tub's call executor), a lost connection fails waiting and later calls
 * with {@link DeadReferenceException} and runs the disconnect callbacks, and fails the
 * flow-control futures of {@code callRemoteOnly} messages not yet "written". Subclasses say how
 * a call is answered and when a message without answer counts as written.
 */
public abstract class FakeReference implements RemoteReference, AutoCloseable {
    /** The "call executor": one thread, so answers come in order, as on one connection. */
    protected final ExecutorService callExecutor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-call-executor");
        t.setDaemon(true);
        return t;
    });
    private final List<Runnable> onDisconnect = new ArrayList<>();
    private final List<CompletableFuture<Object>> waiting = new ArrayList<>();
    private final List<CompletableFuture<Void>> unwritten = new ArrayList<>();
    private boolean connected = true;

    /** Computes the answer of a call with an answer; runs on the call executor. */
    protected abstract Object answer(String method, Object[] args) throws Exception;

    /** Receives a call without answer; runs on the calling thread (as the engine serializes it). */
    protected abstract void receiveOnly(String method, Object[] args);

    /**
     * The future {@code callRemoteOnly} returns for a message just received: by default already
     * complete (written at once). A subclass may return one it completes later (a slow socket) or
     * never; a disconnect fails it.
     */
    protected CompletableFuture<Void> writeOf(String method, Object[] args) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Object> callRemote(String method, Object... args) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        synchronized (this) {
            if (!connected) {
                result.completeExceptionally(new DeadReferenceException("connection lost"));
                return result;
            }
            waiting.add(result);
        }
        callExecutor.execute(() -> {
            try {
                Object value = answer(method, args);
                if (value instanceof CompletableFuture<?> later) {
                    later.whenComplete((v, e) -> settle(result, v, e));
                } else {
                    settle(result, value, null);
                }
            } catch (Exception e) {
                settle(result, null, e);
            }
        });
        return result;
    }

    private void settle(CompletableFuture<Object> result, Object value, Throwable error) {
        synchronized (this) {
            if (!waiting.remove(result)) {
                return;  // already failed by a disconnect
            }
        }
        callExecutor.execute(() -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(value);
            }
        });
    }

    @Override
    public CompletableFuture<Object> callRemote(String method, List<?> args, Map<String, ?> kwargs) {
        return callRemote(method, args.toArray());
    }

    @Override
    public CompletableFuture<Void> callRemoteOnly(String method, Object... args) {
        synchronized (this) {
            if (!connected) {
                return CompletableFuture.failedFuture(
                        new org.flapp.rpc.DeadReferenceException("fake connection is closed"));
            }
        }
        receiveOnly(method, args);
        CompletableFuture<Void> written = writeOf(method, args);
        if (!written.isDone()) {
            synchronized (this) {
                unwritten.add(written);
                unwritten.removeIf(CompletableFuture::isDone);
            }
        }
        return written;
    }

    @Override
    public Subscription notifyOnDisconnect(Runnable callback) {
        synchronized (this) {
            if (connected) {
                onDisconnect.add(callback);
                return () -> {
                    synchronized (this) {
                        onDisconnect.remove(callback);
                    }
                };
            }
        }
        callExecutor.execute(callback);
        return () -> { };
    }

    /** Loses the connection: waiting calls fail, disconnect callbacks run. */
    public void disconnect() {
        List<Runnable> callbacks;
        List<CompletableFuture<Object>> failed;
        List<CompletableFuture<Void>> neverWritten;
        synchronized (this) {
            if (!connected) {
                return;
            }
            connected = false;
            callbacks = new ArrayList<>(onDisconnect);
            failed = new ArrayList<>(waiting);
            neverWritten = new ArrayList<>(unwritten);
            onDisconnect.clear();
            waiting.clear();
            unwritten.clear();
        }
        callExecutor.execute(() -> {
            failed.forEach(f -> f.completeExceptionally(new DeadReferenceException("connection lost")));
            neverWritten.forEach(f -> f.completeExceptionally(new DeadReferenceException("connection lost")));
            callbacks.forEach(Runnable::run);
        });
    }

    @Override
    public synchronized boolean isConnected() {
        return connected;
    }

    @Override
    public String remoteTubId() {
        return "fakeclienttubidfakeclienttubidxx";
    }

    @Override
    public Optional<String> furl() {
        return Optional.empty();
    }

    @Override
    public List<String> locationHints() {
        return List.of();
    }

    @Override
    public void close() {
        callExecutor.shutdownNow();
    }
}
