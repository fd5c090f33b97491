package org.flapp.services.testing;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flapp.rpc.RemoteException;

/**
 * The client's watcher of a run-command, as Python's flappclient offers it: {@code stdout(bytes)},
 * {@code stderr(bytes)} and {@code done(signal, exitcode)}. Records everything in arrival order.
 * The answered calls (the service's flow-control probes) are answered at once, or held until
 * {@link #releaseProbes()} when built with {@link #stalled()}: a client that does not keep up.
 */
public final class Watcher extends FakeReference {
    /** One call received. */
    public record Event(String method, Object[] args) {}

    private final List<Event> events = new ArrayList<>();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final CompletableFuture<List<Object>> done = new CompletableFuture<>();
    private final List<CompletableFuture<Object>> heldProbes = new ArrayList<>();
    private boolean holdProbes;
    private int probes;

    public static Watcher responsive() {
        return new Watcher();
    }

    public static Watcher stalled() {
        Watcher w = new Watcher();
        w.holdProbes = true;
        return w;
    }

    @Override
    protected Object answer(String method, Object[] args) throws Exception {
        if (!method.equals("stdout") && !method.equals("stderr")) {
            throw new RemoteException("builtins.AttributeError", "no method " + method);
        }
        CompletableFuture<Object> later;
        synchronized (this) {
            probes++;
            record(method, args);
            if (!holdProbes) {
                return null;
            }
            later = new CompletableFuture<>();
            heldProbes.add(later);
        }
        return later;
    }

    @Override
    protected synchronized void receiveOnly(String method, Object[] args) {
        record(method, args);
        if (method.equals("done")) {
            done.complete(java.util.Arrays.asList(args));
        }
    }

    private synchronized void record(String method, Object[] args) {
        events.add(new Event(method, args.clone()));
        if (method.equals("stdout")) {
            stdout.writeBytes((byte[]) args[0]);
        } else if (method.equals("stderr")) {
            stderr.writeBytes((byte[]) args[0]);
        }
    }

    /** Answers the held probes and every later one. */
    public void releaseProbes() {
        List<CompletableFuture<Object>> release;
        synchronized (this) {
            holdProbes = false;
            release = new ArrayList<>(heldProbes);
            heldProbes.clear();
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

    public synchronized int probes() {
        return probes;
    }
}
