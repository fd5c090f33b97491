package org.flapp.rpc.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.TestTubs;
import org.flapp.rpc.RemoteMethods;
import org.flapp.rpc.RemoteReference;
import org.flapp.rpc.Tub;
import org.flapp.rpc.TubIdentity;
import org.flapp.rpc.TubOptions;
import org.flapp.rpc.internal.clock.ConnectionClock;
import org.flapp.rpc.internal.tub.TubRuntime;

/**
 * A live Java Tub under attack, plus a well-behaved Java client Tub on its own connection (the
 * bystander) whose calls must keep working whatever the hostile peer does. The published service
 * has {@code echo(x)}, {@code putfile(...)} (named like flappserver's, for the misbehaviour probes),
 * {@code never(x)}, whose answer never comes, and {@code note(x)}, which appends x to {@link #notes}.
 */
final class HostileServer implements AutoCloseable {
    final Tub server;
    /** The server's runtime: its diagnostics show what the peers made it hold. */
    final TubRuntime runtime;
    final String furl;
    final int port;
    final AtomicInteger neverCalls = new AtomicInteger();
    final List<Object> notes = new CopyOnWriteArrayList<>();
    private final Tub bystanderTub;
    private final RemoteReference bystander;
    private final AtomicLong next = new AtomicLong();

    HostileServer(TubOptions options) throws Exception {
        this(options, ConnectionClock.system());
    }

    /** A server whose connection deadlines run on {@code clock} (a test's manual clock). */
    HostileServer(TubOptions options, ConnectionClock clock) throws Exception {
        runtime = new TubRuntime(TubIdentity.generateEphemeral(), options, clock);
        server = TestTubs.around(runtime);
        port = server.listenOn("tcp:0:interface=127.0.0.1");
        server.setLocation("tcp:127.0.0.1:" + port);
        RemoteMethods methods = RemoteMethods.builder()
                .method("echo", args -> args.get(0))
                .method("putfile", args -> null)
                .method("note", args -> notes.add(args.get(0)))
                .method("never", args -> {
                    neverCalls.incrementAndGet();
                    return new CompletableFuture<>();
                })
                .build();
        Referenceable service = () -> methods;
        furl = server.registerReference(service);
        bystanderTub = new Tub(TubIdentity.generateEphemeral());
        bystander = bystanderTub.getReference(furl).get(30, TimeUnit.SECONDS);
    }

    String tubId() {
        return server.tubId();
    }

    /** One bystander round trip; fails the test if it does not come back correct within 10 s. */
    void assertBystanderServed() throws Exception {
        long value = next.incrementAndGet();
        assertEquals(value, bystander.callRemote("echo", value).get(10, TimeUnit.SECONDS),
                "the bystander's call on another connection");
    }

    /** Calls echo on the bystander connection over and over until {@link Traffic#stop}. */
    Traffic startTraffic() {
        Traffic traffic = new Traffic();
        Thread thread = new Thread(() -> {
            while (!traffic.stopping.get()) {
                try {
                    assertBystanderServed();
                    traffic.calls.incrementAndGet();
                    Thread.sleep(5);
                } catch (Throwable t) {
                    traffic.failures.add(t);
                    return;
                }
            }
        }, "bystander-traffic");
        thread.setDaemon(true);
        thread.start();
        traffic.thread = thread;
        return traffic;
    }

    /** Background bystander calls made while a probe runs. */
    static final class Traffic {
        final AtomicInteger calls = new AtomicInteger();
        final List<Throwable> failures = new CopyOnWriteArrayList<>();
        private final AtomicBoolean stopping = new AtomicBoolean();
        private Thread thread;

        /** Stops and asserts that every call succeeded and that there were some. */
        void stopAndCheck() throws InterruptedException {
            stopping.set(true);
            thread.join(15_000);
            if (!failures.isEmpty()) {
                throw new AssertionError("a bystander call failed during the probe", failures.get(0));
            }
            if (calls.get() == 0) {
                throw new AssertionError("the bystander made no call during the probe");
            }
        }
    }

    @Override
    public void close() {
        bystanderTub.close();
        server.close();
    }
}
