package org.flapp.rpc.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.RemoteMethods;
import org.flapp.rpc.RemoteReference;
import org.flapp.rpc.Tub;
import org.flapp.rpc.TubIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A BlockHound-free check that user code never runs on a network thread (named "flapp-io"): not
 * handlers, not callbacks on the futures callRemote returns, not disconnect notifications, not
 * the callbacks of a stage a handler returned. Anything blocking there would stall every
 * connection on that event loop.
 */
@Timeout(60)
class ThreadConfinementTest {
    private final Set<String> threads = ConcurrentHashMap.newKeySet();

    private void note(String where) {
        threads.add(where + ": " + Thread.currentThread().getName());
    }

    @Test
    void handlersFutureCallbacksAndDisconnectNotificationsNeverRunOnNetworkThreads() throws Exception {
        RemoteMethods methods = RemoteMethods.builder()
                .method("echo", args -> {
                    note("handler");
                    return args.get(0);
                })
                .method("later", args -> {
                    note("async handler");
                    CompletableFuture<Object> answer = new CompletableFuture<>();
                    CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS).execute(() -> answer.complete("late"));
                    return answer.thenApply(v -> v);
                })
                .method("callBack", args -> {
                    note("handler calling back");
                    return args.reference(0).callRemote("echo", 5L).thenApply(v -> {
                        note("callback in handler");
                        return v;
                    });
                })
                .build();
        Referenceable service = () -> methods;
        Referenceable callbackTarget = () -> methods;
        try (Tub server = new Tub(TubIdentity.generateEphemeral());
             Tub client = new Tub(TubIdentity.generateEphemeral())) {
            int port = server.listenOn("tcp:0:interface=127.0.0.1");
            server.setLocation("tcp:127.0.0.1:" + port);
            String furl = server.registerReference(service);
            RemoteReference ref = client.getReference(furl).thenApply(r -> {
                note("getReference callback");
                return r;
            }).get(30, TimeUnit.SECONDS);

            for (int i = 0; i < 200; i++) {
                long value = i;
                ref.callRemote("echo", value).whenComplete((v, e) -> note("whenComplete")).get(10, TimeUnit.SECONDS);
                ref.callRemote("echo", value).thenAccept(v -> note("thenAccept"));
            }
            assertEquals("late", ref.callRemote("later").thenApply(v -> {
                note("thenApply");
                return v;
            }).get(10, TimeUnit.SECONDS));
            assertEquals(5L, ref.callRemote("callBack", callbackTarget).get(10, TimeUnit.SECONDS));
            ref.callRemote("nonexistent").exceptionally(e -> {
                note("exceptionally");
                return null;
            }).get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> disconnected = new CompletableFuture<>();
            ref.notifyOnDisconnect(() -> {
                note("notifyOnDisconnect");
                disconnected.complete(null);
            });
            server.shutdown().get(10, TimeUnit.SECONDS);
            disconnected.get(10, TimeUnit.SECONDS);
        }
        for (String where : List.of("handler", "async handler", "handler calling back", "callback in handler",
                "getReference callback", "whenComplete", "thenApply", "exceptionally", "notifyOnDisconnect")) {
            assertTrue(threads.stream().anyMatch(t -> t.startsWith(where + ": ")), "never ran: " + where + " " + threads);
        }
        List<String> onNetwork = threads.stream().filter(t -> t.contains(": flapp-io")).toList();
        assertTrue(onNetwork.isEmpty(), "user code ran on network threads: " + onNetwork);
    }
}
