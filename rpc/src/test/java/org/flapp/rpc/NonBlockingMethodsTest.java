package org.flapp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Methods declared with {@link RemoteMethods.Builder#nonBlockingMethod}: where and when they run. */
@Timeout(60)
class NonBlockingMethodsTest {
    private final GatedExecutor calls = new GatedExecutor();
    /** The thread each method last ran on, by method name. */
    private final Map<String, String> ranOn = new ConcurrentHashMap<>();
    private final List<String> order = new ArrayList<>();
    private Tub server;
    private Tub client;
    private RemoteReference ref;

    private final Referenceable target = () -> RemoteMethods.builder()
            .method("onExecutor", args -> ran("onExecutor"))
            .nonBlockingMethod("now", args -> ran("now"))
            .build();

    private Object ran(String method) {
        ranOn.put(method, Thread.currentThread().getName());
        synchronized (order) {
            order.add(method);
        }
        return method;
    }

    @BeforeEach
    void start() throws Exception {
        server = new Tub(TubIdentity.generateEphemeral(), TubOptions.builder().callExecutor(calls).build());
        int port = server.listenOn("tcp:0:interface=127.0.0.1");
        server.setLocation("tcp:127.0.0.1:" + port);
        client = new Tub(TubIdentity.generateEphemeral());
        ref = client.getReference(server.registerReference(target)).get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        calls.open();
        client.close();
        server.close();
        calls.pool.shutdownNow();
    }

    @Test
    void aNonBlockingMethodRunsOnTheNetworkThreadAndTheOthersOnTheCallExecutor() throws Exception {
        assertEquals("now", ref.callRemote("now").get(10, TimeUnit.SECONDS));
        assertEquals("onExecutor", ref.callRemote("onExecutor").get(10, TimeUnit.SECONDS));
        assertTrue(ranOn.get("now").startsWith("flapp-io"), ranOn.get("now"));
        assertTrue(ranOn.get("onExecutor").startsWith("test-call"), ranOn.get("onExecutor"));
        assertTrue(target.remoteMethods().isNonBlocking("now"));
    }

    @Test
    void aNonBlockingMethodWaitsItsTurnBehindAnEarlierCallOnTheExecutor() throws Exception {
        calls.close();
        CompletableFuture<Object> first = ref.callRemote("onExecutor");
        calls.awaitHeld();
        CompletableFuture<Object> second = ref.callRemote("now");
        // refused on the network thread, in arrival order: once its error is here, "now" was delivered
        CompletableFuture<Object> third = ref.callRemote("noSuchMethod");
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> third.get(10, TimeUnit.SECONDS));
        assertInstanceOf(RemoteException.class, refused.getCause());
        assertNull(ranOn.get("now"), "ran before the earlier call had its turn");

        calls.open();
        assertEquals("onExecutor", first.get(10, TimeUnit.SECONDS));
        assertEquals("now", second.get(10, TimeUnit.SECONDS));
        synchronized (order) {
            assertEquals(List.of("onExecutor", "now"), order);
        }
        assertTrue(ranOn.get("now").startsWith("test-call"), ranOn.get("now"));
    }

    /** The server's call executor, which holds its tasks while closed. */
    private static final class GatedExecutor implements Executor {
        final ExecutorService pool = Executors.newCachedThreadPool(new DefaultThreadFactory("test-call", true));
        private final List<Runnable> held = new ArrayList<>();
        private final Semaphore heldCount = new Semaphore(0);
        private boolean closed;

        @Override
        public synchronized void execute(Runnable task) {
            if (closed) {
                held.add(task);
                heldCount.release();
            } else {
                pool.execute(task);
            }
        }

        synchronized void close() {
            closed = true;
        }

        synchronized void open() {
            closed = false;
            held.forEach(pool::execute);
            held.clear();
        }

        void awaitHeld() throws InterruptedException {
            assertTrue(heldCount.tryAcquire(10, TimeUnit.SECONDS), "no task reached the call executor");
        }
    }
}
