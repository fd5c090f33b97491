package org.flapp.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flapp.rpc.furl.BadFurlException;
import org.flapp.rpc.furl.Furl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two Java Tubs on loopback: the public API end to end. */
@Timeout(60)
class TubTest {
    private Tub server;
    private Tub client;
    private String furl;
    private final AtomicInteger calls = new AtomicInteger();

    private final Referenceable counter = new Referenceable() {
        private final RemoteMethods methods = RemoteMethods.builder()
                .method("add", args -> args.longValue(0) + args.longValue(1))
                .method("count", args -> calls.incrementAndGet())
                .method("later", args -> CompletableFuture.supplyAsync(() -> "done later"))
                .method("boom", args -> {
                    throw new IllegalStateException("it broke");
                })
                .method("apply", args -> args.reference(0).callRemote("twice", args.longValue(1)))
                .method("same", args -> args.get(0))
                .method("kw", args -> args.keywords())
                .method("notifyAfterAnswer", args -> {
                    RemoteReference listener = args.reference(0);
                    args.answerWritten().whenComplete((ok, error) ->
                            listener.callRemoteOnly("note", error == null ? "written" : error.toString()));
                    return "answer";
                })
                .build();

        @Override
        public RemoteMethods remoteMethods() {
            return methods;
        }
    };

    @BeforeEach
    void start() {
        server = new Tub(TubIdentity.generateEphemeral());
        int port = server.listenOn("tcp:0:interface=127.0.0.1");
        server.setLocation("tcp:127.0.0.1:" + port);
        furl = server.registerReference(counter);
        client = new Tub(TubIdentity.generateEphemeral());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private RemoteReference connect() throws Exception {
        return client.getReference(furl).get(30, TimeUnit.SECONDS);
    }

    private static Throwable failureOf(CompletableFuture<?> future) throws Exception {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        return fail("expected a failure");
    }

    @Test
    void callsARemoteMethodAndGetsTheAnswer() throws Exception {
        RemoteReference ref = connect();
        assertEquals(5L, ref.callRemote("add", 2, 3).get(10, TimeUnit.SECONDS));
        assertEquals("done later", ref.callRemote("later").get(10, TimeUnit.SECONDS));
        assertEquals(server.tubId(), ref.remoteTubId());
        assertEquals(furl, ref.furl().orElseThrow());
    }

    @Test
    void keywordArgumentsArrive() throws Exception {
        Object answer = connect().callRemote("kw", List.of(), Map.of("b", 2, "a", "x"))
                .get(10, TimeUnit.SECONDS);
        assertEquals(Map.of("a", "x", "b", 2L), answer);
    }

    @Test
    void aSecondGetReferenceReusesTheConnection() throws Exception {
        RemoteReference first = connect();
        RemoteReference second = connect();
        assertSame(first, second, "same connection, same clid, same proxy");
    }

    @Test
    void exceptionsArriveAsRemoteExceptions() throws Exception {
        RemoteReference ref = connect();
        RemoteException error = assertInstanceOf(RemoteException.class, failureOf(ref.callRemote("boom")));
        assertEquals("java.lang.IllegalStateException", error.type());
        assertEquals("it broke", error.value());
        assertTrue(error.isA("java.lang.RuntimeException"));
        RemoteException unknown = assertInstanceOf(RemoteException.class, failureOf(ref.callRemote("nope")));
        assertEquals("builtins.AttributeError", unknown.type());
        RemoteException badArgs = assertInstanceOf(RemoteException.class,
                failureOf(ref.callRemote("add", "x", 1)));
        assertEquals("foolscap.tokens.Violation", badArgs.type());
    }

    @Test
    void aReferencePassedAsArgumentIsCalledBack() throws Exception {
        Referenceable doubler = () -> RemoteMethods.builder()
                .method("twice", args -> args.longValue(0) * 2).build();
        assertEquals(42L, connect().callRemote("apply", doubler, 21).get(10, TimeUnit.SECONDS));
    }

    @Test
    void ourOwnObjectComesBackAsItself() throws Exception {
        Referenceable mine = () -> RemoteMethods.builder().build();
        assertSame(mine, connect().callRemote("same", mine).get(10, TimeUnit.SECONDS));
    }

    @Test
    void answerWrittenLetsAHandlerSendCallsThatArriveAfterItsAnswer() throws Exception {
        CompletableFuture<CompletableFuture<Object>> answerHolder = new CompletableFuture<>();
        CompletableFuture<String> noted = new CompletableFuture<>();
        Referenceable listener = () -> RemoteMethods.builder().method("note", args -> {
            // calls and answers are delivered in arrival order: the answer came first if done now
            boolean answered = answerHolder.get(10, TimeUnit.SECONDS).isDone();
            noted.complete(args.string(0) + (answered ? " after the answer" : " before the answer"));
            return null;
        }).build();
        CompletableFuture<Object> answer = connect().callRemote("notifyAfterAnswer", listener);
        answerHolder.complete(answer);
        assertEquals("written after the answer", noted.get(10, TimeUnit.SECONDS));
        assertEquals("answer", answer.get(10, TimeUnit.SECONDS));
    }

    @Test
    void callRemoteOnlyRunsTheMethodWithoutAnAnswer() throws Exception {
        RemoteReference ref = connect();
        ref.callRemoteOnly("count").get(10, TimeUnit.SECONDS);
        ref.callRemoteOnly("count");
        // calls run in order: by the time this one answers, both ran
        assertEquals(3L, ref.callRemote("count").get(10, TimeUnit.SECONDS));
    }

    @Test
    void unknownNameIsAKeyError() throws Exception {
        Furl good = Furl.parse(furl);
        String wrong = Furl.of(good.tubId(), good.hints(), "nosuchname").toString();
        RemoteException error = assertInstanceOf(RemoteException.class, failureOf(client.getReference(wrong)));
        assertEquals("builtins.KeyError", error.type());
    }

    @Test
    void revokedNameFailsNewLookupsAndDropsExistingReferences() throws Exception {
        RemoteReference ref = connect();
        server.revoke(Furl.parse(furl).name());
        RemoteException call = assertInstanceOf(RemoteException.class, failureOf(ref.callRemote("count")));
        assertEquals("foolscap.tokens.Violation", call.type());
        assertInstanceOf(RemoteException.class, failureOf(client.getReference(furl)));
    }

    @Test
    void nameLookupIsConsultedForUnregisteredNames() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        server.setNameLookup(name -> {
            lookups.incrementAndGet();
            return name.equals("dynamic") ? counter : null;
        });
        Furl good = Furl.parse(furl);
        RemoteReference ref = client.getReference(Furl.of(good.tubId(), good.hints(), "dynamic").toString())
                .get(10, TimeUnit.SECONDS);
        assertEquals(7L, ref.callRemote("add", 3, 4).get(10, TimeUnit.SECONDS));
        assertEquals(1, lookups.get());
    }

    @Test
    void nameLookupFailureReachesTheCaller() throws Exception {
        server.setNameLookup(name -> {
            throw new RemoteException("foolscap.appserver.services.BadServiceArguments", "targetdir gone");
        });
        Furl good = Furl.parse(furl);
        RemoteException error = assertInstanceOf(RemoteException.class,
                failureOf(client.getReference(Furl.of(good.tubId(), good.hints(), "x").toString())));
        assertEquals("foolscap.appserver.services.BadServiceArguments", error.type());
        assertEquals("targetdir gone", error.value());
    }

    @Test
    void disconnectFailsWaitingCallsAndNotifies() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        server.registerReference(() -> RemoteMethods.builder()
                .method("hang", args -> {
                    started.countDown();
                    return new CompletableFuture<>();
                }).build(), "hanger");
        Furl good = Furl.parse(furl);
        RemoteReference hanger = client.getReference(Furl.of(good.tubId(), good.hints(), "hanger").toString())
                .get(10, TimeUnit.SECONDS);
        CountDownLatch lost = new CountDownLatch(1);
        hanger.notifyOnDisconnect(lost::countDown);
        CompletableFuture<Object> waiting = hanger.callRemote("hang");
        assertTrue(started.await(10, TimeUnit.SECONDS));
        server.close();
        assertInstanceOf(DeadReferenceException.class, failureOf(waiting));
        assertTrue(lost.await(10, TimeUnit.SECONDS));
        assertInstanceOf(DeadReferenceException.class, failureOf(hanger.callRemote("hang")));
    }

    @Test
    void wrongTubIdIsRefused() throws Exception {
        Furl good = Furl.parse(furl);
        String wrong = Furl.of(TubIdentity.generateEphemeral().tubId(), good.hints(), good.name()).toString();
        NegotiationException e = assertInstanceOf(NegotiationException.class, failureOf(client.getReference(wrong)));
        assertEquals(NegotiationException.Reason.WRONG_TUB, e.reason(), e::toString);
    }

    @Test
    void unreachableServerFailsWithNegotiationException() throws Exception {
        Furl good = Furl.parse(furl);
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String dead = Furl.of(good.tubId(), List.of("tcp:127.0.0.1:" + port), good.name()).toString();
        NegotiationException e = assertInstanceOf(NegotiationException.class, failureOf(client.getReference(dead)));
        assertEquals(NegotiationException.Reason.CONNECT, e.reason(), e::toString);
    }

    @Test
    void malformedFurlIsReported() throws Exception {
        assertInstanceOf(BadFurlException.class, failureOf(client.getReference("http://example.org/")));
    }

    @Test
    void unserializableArgumentFailsTheCallAndKeepsTheConnection() throws Exception {
        RemoteReference ref = connect();
        assertInstanceOf(ViolationException.class, failureOf(ref.callRemote("same", new Object())));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) ref.callRemote("same", (Object) new byte[] {1, 2})
                .get(10, TimeUnit.SECONDS));
    }

    @Test
    void aReferenceToAThirdTubsObjectIsPassedOnAsATheirReference() throws Exception {
        // the client holds a reference to the server's counter, and hands it to a third Tub,
        // which connects to the server itself and calls the counter (it accepts gifts)
        try (Tub third = new Tub(TubIdentity.generateEphemeral(), TubOptions.builder().acceptGifts(true).build())) {
            int port = third.listenOn("tcp:0:interface=127.0.0.1");
            third.setLocation("tcp:127.0.0.1:" + port);
            String relayFurl = third.registerReference(() -> RemoteMethods.builder()
                    .method("use", args -> args.reference(0).callRemote("add", 20, 22))
                    .method("tubOf", args -> args.reference(0).remoteTubId())
                    .build());
            RemoteReference counterRef = connect();
            RemoteReference relay = client.getReference(relayFurl).get(10, TimeUnit.SECONDS);
            assertEquals(42L, relay.callRemote("use", counterRef).get(10, TimeUnit.SECONDS));
            assertEquals(server.tubId(), relay.callRemote("tubOf", counterRef).get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void registerWithoutLocationIsRefused() {
        try (Tub t = new Tub(TubIdentity.generateEphemeral())) {
            assertThrows(IllegalStateException.class, () -> t.registerReference(counter));
        }
    }
}
