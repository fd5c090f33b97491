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
 * and (2) pipelined, with up to WINDOW calls outstanding. Each mode warms up (6 s for the first,
 * 2 s for the second), then runs for SECONDS. Prints, like rpc/bench/python_throughput.py:
 *
 * <pre>
 * java sequential 23456 (117280 calls in 5.00 s; per call cpu 61.0 us, sleeps flapp-io- 2.00 main 1.00)
 * java pipelined 123456 (617280 calls in 5.00 s; per call cpu 9.1 us, sleeps flapp-io- 0.02)
 * </pre>
 *
 * <p>with, per call, the process's CPU time and each thread group's sleeps (voluntary context
 * switches: each one needed a wake-up, see {@link ThreadCounters}).
 *
 * <p>Usage: {@code CallThroughput [SECONDS] [WINDOW] [--direct] [--nonblocking] [--sequential-only]};
 * {@code --direct} gives both Tubs a direct call executor (handlers and completions run on the
 * network threads: only for handlers that never block, as this echo); {@code --nonblocking} calls
 * the same echo declared {@link RemoteMethods.Builder#nonBlockingMethod non-blocking} (its handler
 * runs on the server's network thread, the client's completions stay on its call executor).
 */
public final class CallThroughput {
    private CallThroughput() {}

    /** The warm-up of the first mode; the second one warms up for 2 s. */
    private static final double WARM_UP_SECONDS = 6;

    static final Referenceable ECHO = new Referenceable() {
        private final RemoteMethods methods = RemoteMethods.builder()
                .method("echo", args -> args.longValue(0))
                .nonBlockingMethod("echoNow", args -> args.longValue(0))
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
        boolean sequentialOnly = false;
        String method = "echo";
        int positional = 0;
        for (String arg : argv) {
            if (arg.equals("--direct")) {
                direct = true;
            } else if (arg.equals("--nonblocking")) {
                method = "echoNow";
            } else if (arg.equals("--sequential-only")) {
                sequentialOnly = true;
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
            String label = (direct ? "java-direct" : "java") + (method.equals("echo") ? "" : "-nonblocking");

            // the first mode warms up longer: C2 keeps compiling the call path for several
            // seconds, on the same two cores (a profile of a 2 s warm-up found it half the CPU)
            sequential(ref, method, WARM_UP_SECONDS);
            ThreadCounters before = ThreadCounters.now();
            report(label + " sequential", sequential(ref, method, seconds), before);
            if (!sequentialOnly) {
                pipelined(ref, method, 2, window);
                before = ThreadCounters.now();
                report(label + " pipelined", pipelined(ref, method, seconds, window), before);
            }
        }
    }

    /** Calls made and nanoseconds taken. */
    record Result(long calls, long nanos) {}

    private static void report(String label, Result r, ThreadCounters before) {
        String perCall = ThreadCounters.now().perCall(before, r.calls);
        double secs = r.nanos / 1e9;
        System.out.printf(Locale.ROOT, "%s %.0f (%d calls in %.2f s; per call %s)%n", label, r.calls / secs,
                r.calls, secs, perCall);
    }

    static Result sequential(RemoteReference ref, String method, double seconds) throws Exception {
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long calls = 0;
        long now;
        do {
            for (int i = 0; i < 100; i++) {
                Object answer = ref.callRemote(method, (long) i).get(30, TimeUnit.SECONDS);
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
    private static Result pipelined(RemoteReference ref, String method, double seconds, int window) throws Exception {
        Semaphore slots = new Semaphore(window);
        AtomicLong answered = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long sent = 0;
        while (failure.get() == null && (sent % 256 != 0 || System.nanoTime() < deadline)) {
            slots.acquire();
            long i = sent++;
            CompletableFuture<Object> call = ref.callRemote(method, i);
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
