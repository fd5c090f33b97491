package org.flapp.rpc.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.RemoteMethods;
import org.flapp.rpc.RemoteReference;
import org.flapp.rpc.Tub;
import org.flapp.rpc.TubIdentity;
import org.flapp.rpc.TubOptions;
import org.flapp.rpc.internal.banana.Bombs;
import org.flapp.rpc.internal.banana.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Messages that cost little to send and, decoded naively, exponential time or a full heap: the
 * tuple bomb and the equal-DAGs variant (to the Broker, before any swissnum, and to a method
 * that accepts anything), and an 8 MiB answer to a caller whose limit is 1 MiB. Through a real
 * socket against a live Tub, with a bystander served throughout. Each asserts a bound: the answer
 * comes within {@value #ANSWER_SECONDS} s (naive hashing would take hours), heap growth stays under
 * {@value #HEAP_MARGIN_MIB} MiB, the bystander's calls all succeed.
 */
@Timeout(120)
class DecodingCostHostileTest {
    private static final int ANSWER_SECONDS = 10;
    private static final long HEAP_MARGIN_MIB = 64;
    private static final Duration ANSWER = Duration.ofSeconds(ANSWER_SECONDS);

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void assertHeapGrewLessThanTheMargin(long before) {
        long grown = usedHeap() - before;
        assertTrue(grown < HEAP_MARGIN_MIB << 20, "heap grew by " + (grown >> 20) + " MiB");
    }

    /** Sends the bomb as the connection's first message; returns what the server answered it with. */
    private static Item bomb(HostileServer server, long clid, String method, int dags) throws Exception {
        HostileServer.Traffic traffic = server.startTraffic();
        long heap = usedHeap();
        Item reply;
        try (RawPeer peer = RawPeer.connect(server.furl)) {
            long first = 0;
            if (clid != 0) {
                clid = peer.resolveTarget(ANSWER);
                first = peer.openId();
            }
            Bombs.Built built = Bombs.tupleBombCall(first, 5, clid, method, 40, dags);
            assertTrue(built.bytes().length < 1200 * dags, built.bytes().length + " bytes");
            peer.send(built.bytes());
            reply = peer.next(ANSWER);
            // the connection goes on: the same peer is served next
            long skipped = peer.openId();
            while (skipped < built.nextOpenId()) { // move the peer's open-ID count past the bomb's
                skipped = peer.openId();
            }
            peer.send(peer.getReferenceCall(6, "no-such-name"));
            Item next = peer.next(ANSWER);
            assertTrue(next.isSequence("error") && next.reqId() == 6 && next.mentions("KeyError"), next.render());
        }
        traffic.stopAndCheck();
        server.assertBystanderServed();
        assertHeapGrewLessThanTheMargin(heap);
        return reply;
    }

    @Test
    void aTupleBombToTheBrokerIsAnsweredWithAViolationBeforeAnyOfItIsBuilt() throws Exception {
        try (HostileServer server = new HostileServer(TubOptions.defaults())) {
            Item reply = bomb(server, 0, "getReferenceByName", 1);
            assertTrue(reply.isSequence("error") && reply.reqId() == 5
                    && reply.mentions("foolscap.tokens.Violation")
                    && reply.mentions("too many positional arguments: 2>1"), reply.render());
        }
    }

    @Test
    void twoEqualDagsToTheBrokerAreAnsweredWithAViolation() throws Exception {
        try (HostileServer server = new HostileServer(TubOptions.defaults())) {
            Item reply = bomb(server, 0, "getReferenceByName", 2);
            assertTrue(reply.isSequence("error") && reply.mentions("foolscap.tokens.Violation"), reply.render());
        }
    }

    @Test
    void aTupleBombToAMethodThatAcceptsAnythingIsDecodedInLinearTimeAndAnswered() throws Exception {
        try (HostileServer server = new HostileServer(TubOptions.defaults())) {
            Item reply = bomb(server, -1, "echo", 2);
            // echo answers its first argument: the list of both DAGs, sent back with their sharing
            assertTrue(reply.isSequence("answer") && reply.reqId() == 5 && reply.child(1).isSequence("list"),
                    reply.render().substring(0, Math.min(300, reply.render().length())));
            assertEquals(82, reply.child(1).children().size());
        }
    }

    @Test
    void anEightMibAnswerToACallerWhoseLimitIsOneMibFailsThatCallPromptly() throws Exception {
        Tub server = new Tub(TubIdentity.generateEphemeral(), TubOptions.builder().maxStringLength(1 << 20).build());
        Tub bystanderTub = new Tub(TubIdentity.generateEphemeral());
        try (server; bystanderTub) {
            int port = server.listenOn("tcp:0:interface=127.0.0.1");
            server.setLocation("tcp:127.0.0.1:" + port);
            Referenceable service = () -> RemoteMethods.builder()
                    // calls read(10) on the reference it is given; answers with what became of that call
                    .method("pull", args -> args.reference(0).callRemote("read", 10L)
                            .handle((value, error) -> error == null ? "answered"
                                    : (error instanceof CompletionException ? error.getCause() : error).toString()))
                    .method("echo", args -> args.get(0))
                    .build();
            String furl = server.registerReference(service);
            RemoteReference bystander = bystanderTub.getReference(furl).get(30, TimeUnit.SECONDS);
            long heap = usedHeap();
            try (RawPeer peer = RawPeer.connect(furl)) {
                long svc = peer.resolveTarget(ANSWER);
                Wire w = Wire.of();
                RawPeer.OpenCall call = peer.startCall(w, 2, svc, "pull", 1);
                long ref = peer.open(w, "my-reference");
                w.integer(7).close(ref);
                peer.send(call.finish(w));
                Item read = peer.next(ANSWER);
                assertTrue(read.isSequence("call") && read.child(2).text().equals("read"), read.render());
                long readReqId = read.child(0).number();
                Wire answer = Wire.of();
                long id = peer.open(answer, "answer");
                answer.integer(readReqId).bytes(new byte[8 << 20]).close(id);
                CompletableFuture<Void> sent = peer.sendInBackground(answer.bytes());
                assertEquals("x", bystander.callRemote("echo", "x").get(ANSWER_SECONDS, TimeUnit.SECONDS));
                sent.get(60, TimeUnit.SECONDS);
                long start = System.nanoTime();
                Item pulled = peer.next(ANSWER);
                assertTrue(pulled.isSequence("answer") && pulled.reqId() == 2
                        && pulled.mentions("ViolationException")
                        && pulled.mentions("STRING token of 8388608 bytes is over maxStringLength 1048576"),
                        pulled.render());
                assertTrue(System.nanoTime() - start < ANSWER.toNanos());
                // the connection goes on
                peer.send(peer.call(3, svc, "echo", 42L));
                assertEquals("answer(3, 42)", peer.next(ANSWER).render());
            }
            assertEquals("y", bystander.callRemote("echo", "y").get(ANSWER_SECONDS, TimeUnit.SECONDS));
            assertHeapGrewLessThanTheMargin(heap);
        }
    }
}
