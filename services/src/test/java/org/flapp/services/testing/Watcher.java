package org.flapp.services.testing;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flapp.rpc.RemoteException;

/**
 * The client's watcher of a run-command, as Python's flappclient offers it: {@code stdout(bytes)},
 * {@code stderr(bytes)} and {@code done(signal, exitcode)}, all sent without answer. Records
 * everything in arrival order. Messages count as written to the socket at once, or, when built
 * with {@link #stalled()}, never until {@link #releaseWrites()}: a client that does not read its
 * socket. Calls with an answer are refused and counted (the service sends none).
 */
public final class Watcher extends FakeReference {
    /** One call received. */
    public record Event(String method, Object[] args) {}

    private final List<Event> events = new ArrayList<>();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final CompletableFuture<List<Object>> done = new CompletableFuture<>();
    private final List<CompletableFuture<Void>> heldWrites = new ArrayList<>();
    private final AtomicInteger answeredCalls = new AtomicInteger();
    private boolean holdWrites;

    public static Watcher responsive() {
        return new Watcher();
    }

    public static Watcher stalled() {
        Watcher w = new Watcher();
        w.holdWrites = true;
        return w;
    }

    @Override
    protected Object answer(String method, Object[] args) throws Exception {
        answeredCalls.incrementAndGet();
        throw new RemoteException("builtins.AttributeError", "the watcher expects no answered call: " + method);
    }

    @Override
    protected synchronized void receiveOnly(String method, Object[] args) {
        events.add(new Event(method, args.clone()));
        if (method.equals("stdout")) {
            stdout.writeBytes((byte[]) args[0]);
        } else if (method.equals("stderr")) {
            stderr.writeBytes((byte[]) args[0]);
        } else if (method.equals("done")) {
            done.complete(java.util.Arrays.asList(args));
        }
    }

    @Override
    protected synchronized CompletableFuture<Void> writeOf(String method, Object[] args) {
        if (!holdWrites) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> later = new CompletableFuture<>();
        heldWrites.add(later);
        return later;
    }

    /** The client starts reading: held messages and every later one count as written. */
    public void releaseWrites() {
        List<CompletableFuture<Void>> release;
        synchronized (this) {
            holdWrites = false;
            release = new ArrayList<>(heldWrites);
            heldWrites.clear();
        }
        release.forEach(f -> f.complete(null));
    }

    /** The {@code (signal, exitcode)} of done; waits up to 20 s. */
    public List<Object> awaitDone() throws Exception {
        return done.get(20, TimeUnit.SECONDS);
    }

    public boolean isDone() {
        return done.isDone();
    }

    public synchronized byte[] stdout() {
        return stdout.toByteArray();
    }

    public synchronized byte[] stderr() {
        return stderr.toByteArray();
    }

    public synchronized int stdoutSize() {
        return stdout.size();
    }

    public synchronized List<Event> events() {
        return new ArrayList<>(events);
    }

    /** Messages sent to this watcher whose write has not completed yet. */
    public synchronized int heldWrites() {
        return (int) heldWrites.stream().filter(f -> !f.isDone()).count();
    }

    /** Calls that asked for an answer (the service should send none). */
    public int answeredCalls() {
        return answeredCalls.get();
    }
}
