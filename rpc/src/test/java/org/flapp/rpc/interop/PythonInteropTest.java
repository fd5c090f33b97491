package org.flapp.rpc.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.flapp.rpc.DeadReferenceException;
import org.flapp.rpc.NegotiationException;
import org.flapp.rpc.RemoteException;
import org.flapp.rpc.RemoteReference;
import org.flapp.rpc.Tub;
import org.flapp.rpc.TubIdentity;
import org.flapp.rpc.TubOptions;
import org.flapp.rpc.furl.Furl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Java and Python Foolscap 21.7.0 calling each other, over real processes and sockets. */
@Timeout(120)
class PythonInteropTest {
    private static Tub tub;

    @BeforeAll
    static void startTub() {
        tub = new Tub(TubIdentity.generateEphemeral());
    }

    @BeforeEach
    void needsThePeer() {
        org.flapp.rpc.PythonPeer.assumeAvailable();
    }

    @AfterAll
    static void stopTub() {
        if (tub != null) {
            tub.close();
        }
    }

    private static Object call(RemoteReference ref, String method, Object... args) throws Exception {
        return ref.callRemote(method, args).get(30, TimeUnit.SECONDS);
    }

    private static Throwable failureOf(CompletableFuture<?> future) throws Exception {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        return fail("expected the call to fail");
    }

    @Test
    void pythonClientCallsJavaServerWithEveryTypeErrorsAndCallbacks() throws Exception {
        try (Tub server = new Tub(TubIdentity.generate())) {
            int port = server.listenOn("tcp:0:interface=127.0.0.1");
            server.setLocation("tcp:127.0.0.1:" + port);
            String furl = server.registerReference(new JavaEcho());
            try (PeerProcess peer = PeerProcess.start("client", furl)) {
                List<String> lines = peer.readAll();
                int status = peer.waitFor(60);
                ObjectMapper json = new ObjectMapper();
                List<String> failures = new ArrayList<>();
                int checks = 0;
                for (String line : lines) {
                    JsonNode result = json.readTree(line);
                    checks++;
                    if (!result.get("ok").asBoolean()) {
                        failures.add(result.get("check").asText() + ": " + result.get("detail").asText());
                    }
                }
                assertEquals(List.of(), failures);
                assertTrue(checks >= 2 * SampleValues.all().size() + 5, "only " + checks + " checks ran");
                assertEquals(0, status);
            }
        }
    }

    @Test
    void javaClientRoundTripsEveryTypeThroughPython() throws Exception {
        try (PeerProcess peer = PeerProcess.start("serve")) {
            RemoteReference echo = tub.getReference(peer.readLine()).get(30, TimeUnit.SECONDS);
            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, Object> sample : SampleValues.all().entrySet()) {
                String name = sample.getKey();
                Object back = call(echo, "echo", sample.getValue());
                String difference = SampleValues.difference(name, sample.getValue(), back);
                if (difference != null) {
                    failures.add("echo " + name + ": " + difference);
                }
                Object made = call(echo, "make", name);
                difference = SampleValues.difference(name, sample.getValue(), made);
                if (difference != null) {
                    failures.add("make " + name + ": " + difference);
                }
                Object verdict = call(echo, "check", name, sample.getValue());
                if (!Boolean.TRUE.equals(verdict)) {
                    failures.add("check " + name + ": " + SampleValues.describe(verdict));
                }
            }
            assertEquals(List.of(), failures);
        }
    }

    @Test
    void pythonExceptionsArriveWithTypeAndMessage() throws Exception {
        try (PeerProcess peer = PeerProcess.start("serve")) {
            RemoteReference echo = tub.getReference(peer.readLine()).get(30, TimeUnit.SECONDS);
            Throwable error = failureOf(echo.callRemote("fail", "value", "no good"));
            RemoteException remote = assertInstanceOf(RemoteException.class, error);
            assertEquals("builtins.ValueError", remote.type());
            assertEquals("no good", remote.value());
            assertTrue(remote.isA("builtins.Exception"));
            assertTrue(remote.remoteTraceback().contains("remote_fail"), remote.remoteTraceback());

            RemoteException missing = assertInstanceOf(RemoteException.class,
                    failureOf(echo.callRemote("no_such_method")));
            assertEquals("builtins.AttributeError", missing.type());
            assertEquals(7L, call(echo, "echo", 7L), "the connection survives a remote error");
        }
    }

    @Test
    void referencesPassedAsArgumentsAreCalledBackBothWays() throws Exception {
        try (PeerProcess peer = PeerProcess.start("serve")) {
            RemoteReference echo = tub.getReference(peer.readLine()).get(30, TimeUnit.SECONDS);
            JavaEcho mine = new JavaEcho();
            assertEquals("pong", call(echo, "call_back", mine, "echo", "pong"));
            // Python hands us one of its objects; sent back, it arrives there as the object
            // itself (your-reference), and Python's answer brings us the same proxy again
            RemoteReference theirs = (RemoteReference) call(echo, "new_object");
            assertEquals(5L, call(theirs, "echo", 5L));
            assertSame(theirs, call(echo, "echo", theirs));
        }
    }

    @Test
    void pythonFollowsATheirReferenceToAJavaTub() throws Exception {
        try (Tub server = new Tub(TubIdentity.generateEphemeral());
             PeerProcess peer = PeerProcess.start("serve")) {
            int port = server.listenOn("tcp:0:interface=127.0.0.1");
            server.setLocation("tcp:127.0.0.1:" + port);
            RemoteReference javaEcho = tub.getReference(server.registerReference(new JavaEcho()))
                    .get(30, TimeUnit.SECONDS);
            RemoteReference pythonEcho = tub.getReference(peer.readLine()).get(30, TimeUnit.SECONDS);
            // Python receives a reference to the Java server's object from us (a third party),
            // connects to that server itself, and calls it
            assertEquals(11L, call(pythonEcho, "call_back", javaEcho, "echo", 11L));
        }
    }

    @Test
    void aTubThatAcceptsGiftsFollowsATheirReferenceFromPython() throws Exception {
        // gifts are off by default: this Tub turns them on to take a third-party reference
        try (Tub server = new Tub(TubIdentity.generateEphemeral());
             Tub client = new Tub(TubIdentity.generateEphemeral(), TubOptions.builder().acceptGifts(true).build());
             PeerProcess peer = PeerProcess.start("serve")) {
            int port = server.listenOn("tcp:0:interface=127.0.0.1");
            server.setLocation("tcp:127.0.0.1:" + port);
            RemoteReference javaEcho = client.getReference(server.registerReference(new JavaEcho()))
                    .get(30, TimeUnit.SECONDS);
            RemoteReference pythonEcho = client.getReference(peer.readLine()).get(30, TimeUnit.SECONDS);
            // Python gets the Java server's object from us and echoes it back: to us that is a
            // their-reference (the object lives on a third Tub), which we follow to that Tub
            RemoteReference back = (RemoteReference) call(pythonEcho, "echo", javaEcho);
            assertEquals(server.tubId(), back.remoteTubId());
            assertEquals(12L, call(back, "echo", 12L));
        }
    }

    @Test
    void callRemoteOnlySendsNoAnswerButArrives() throws Exception {
        try (PeerProcess peer = PeerProcess.start("serve")) {
            RemoteReference echo = tub.getReference(peer.readLine()).get(30, TimeUnit.SECONDS);
            echo.callRemoteOnly("note", SampleValues.bytes("a")).get(10, TimeUnit.SECONDS);
            echo.callRemoteOnly("note", "b");
            echo.callRemoteOnly("no_such_method"); // no answer, not even an error
            Object notes = call(echo, "notes");
            assertTrue(SampleValues.same(List.of(SampleValues.bytes("a"), "b"), notes),
                    SampleValues.describe(notes));
        }
    }

    @Test
    void disconnectIsNotifiedAndPendingCallsFailWhenThePeerIsKilled() throws Exception {
        PeerProcess peer = PeerProcess.start("serve");
        RemoteReference echo = tub.getReference(peer.readLine()).get(30, TimeUnit.SECONDS);
        CountDownLatch notified = new CountDownLatch(1);
        echo.notifyOnDisconnect(notified::countDown);
        RemoteReference.Subscription cancelled = echo.notifyOnDisconnect(() -> fail("cancelled callback ran"));
        cancelled.cancel();
        assertTrue(echo.isConnected());
        peer.kill();
        assertTrue(notified.await(30, TimeUnit.SECONDS), "disconnect callback did not run");
        assertFalse(echo.isConnected());
        assertInstanceOf(DeadReferenceException.class, failureOf(echo.callRemote("echo", 1L)));
        peer.close();
    }

    @Test
    void unknownSwissnumGivesKeyError() throws Exception {
        try (PeerProcess peer = PeerProcess.start("serve")) {
            Furl furl = Furl.parse(peer.readLine());
            String wrong = Furl.of(furl.tubId(), furl.hints(), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").toString();
            RemoteException error = assertInstanceOf(RemoteException.class, failureOf(tub.getReference(wrong)));
            assertEquals("builtins.KeyError", error.type());
            assertTrue(error.value().contains("unable to find reference for name starting with 'aa'"),
                    error.value());
        }
    }

    @Test
    void furlWithTheWrongTubIdIsRefused() throws Exception {
        try (PeerProcess peer = PeerProcess.start("serve")) {
            Furl furl = Furl.parse(peer.readLine());
            String otherTub = TubIdentity.generateEphemeral().tubId();
            String wrong = Furl.of(otherTub, furl.hints(), furl.name()).toString();
            Throwable error = failureOf(tub.getReference(wrong));
            assertInstanceOf(NegotiationException.class, error);
        }
    }
}
