package org.flapp.rpc.bench;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.RemoteMethods;
import org.flapp.rpc.RemoteReference;
import org.flapp.rpc.Tub;
import org.flapp.rpc.TubIdentity;
import org.flapp.rpc.TubOptions;

/**
 * callRemote throughput between two Java Tubs on loopback (a plain main, not a test): a remote
 * method that echoes an int, called (1) sequentially, each call waiting for the previous answer,
 * and (2) pipelined, with up to WINDOW calls outstanding. Each mode warms up for 2 s, then runs
 * for SECONDS. Prints, like rpc/bench/python_throughput.py:
 *
 * <pre>
 * java sequential 23456 (117280 calls in 5.00 s)
 * java pipelined 123456 (617280 calls in 5.00 s)
 * </pre>
 *
 * <p>Usage: {@code CallThroughput [SECONDS] [WINDOW] [--direct]}; {@code --direct} gives both Tubs
 * a direct call executor (handlers and completions run on the network threads: only for
 * handlers that never block, as this echo).
 */
public final class CallThroughput {
    private CallThroughput() {}

    private static final Referenceable ECHO = new Referenceable() {
        private final RemoteMethods methods = RemoteMethods.builder()
                .method("echo", args -> args.longValue(0))
                .build();

        @Override
        public RemoteMethods remoteMethods() {
            return methods;
        }
    };

    public static void main(String[] argv) throws Exception {
        double seconds = 5;
        int window = 100;
        boolean direct = false;
        int positional = 0;
        for (String arg : argv) {
            if (arg.equals("--direct")) {
                direct = true;
            } else if (positional++ == 0) {
                seconds = Double.parseDouble(arg);
            } else {
                window = Integer.parseInt(arg);
            }
        }
        TubOptions options = direct ? TubOptions.builder().callExecutor(Runnable::run).build() : TubOptions.defaults();
        try (Tub server = new Tub(TubIdentity.generateEphemeral(), options);
             Tub client = new Tub(TubIdentity.generateEphemeral(), options)) {
            int port = server.listenOn("tcp:0:interface=127.0.0.1");
            server.setLocation("tcp:127.0.0.1:" + port);
            String furl = server.registerReference(ECHO);
            RemoteReference ref = client.getReference(furl).get(30, TimeUnit.SECONDS);
            String label = direct ? "java-direct" : "java";

            sequential(ref, 2);
            report(label + " sequential", sequential(ref, seconds));
            pipelined(ref, 2, window);
            report(label + " pipelined", pipelined(ref, seconds, window));
        }
    }

    /** Calls made and nanoseconds taken. */
    private record Result(long calls, long nanos) {}

    private static void report(String label, Result r) {
        double secs = r.nanos / 1e9;
        System.out.printf(Locale.ROOT, "%s %.0f (%d calls in %.2f s)%n", label, r.calls / secs, r.calls, secs);
    }

    private static Result sequential(RemoteReference ref, double seconds) throws Exception {
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long calls = 0;
        long now;
        do {
            for (int i = 0; i < 100; i++) {
                Object answer = ref.callRemote("echo", (long) i).get(30, TimeUnit.SECONDS);
                if (!(answer instanceof Long l) || l != i) {
                    throw new IllegalStateException("echo answered " + answer + " for " + i);
                }
            }
            calls += 100;
            now = System.nanoTime();
        } while (now < deadline);
        return new Result(calls, now - start);
    }

    /** Keeps up to {@code window} calls outstanding until the time is up, then waits for all. */
    private static Result pipelined(RemoteReference ref, double seconds, int window) throws Exception {
        Semaphore slots = new Semaphore(window);
        AtomicLong answered = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long sent = 0;
        while (failure.get() == null && (sent % 256 != 0 || System.nanoTime() < deadline)) {
            slots.acquire();
            long i = sent++;
            CompletableFuture<Object> call = ref.callRemote("echo", i);
            call.whenComplete((answer, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                } else if (!(answer instanceof Long l) || l != i) {
                    failure.compareAndSet(null, new IllegalStateException("echo answered " + answer + " for " + i));
                }
                answered.incrementAndGet();
                slots.release();
            });
        }
        if (!slots.tryAcquire(window, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("calls still outstanding after 60 s");
        }
        long end = System.nanoTime();
        if (failure.get() != null) {
            throw new IllegalStateException("a call failed", failure.get());
        }
        return new Result(answered.get(), end - start);
    }
}
