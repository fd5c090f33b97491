package org.flapp.app.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flapp.rpc.TubOptions;
import org.flapp.rpc.hostile.Conditions;
import org.flapp.rpc.hostile.HostileMessages;
import org.flapp.rpc.hostile.Item;
import org.flapp.rpc.hostile.RawPeer;
import org.flapp.rpc.hostile.SocketFlood;
import org.flapp.rpc.internal.banana.Bombs;
import org.flapp.rpc.internal.banana.Wire;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's attacks against our real flappserver: one server process (heap {@value
 * ServerProcess#HEAP_MIB} MiB, an upload-file service) for the whole class, each attack in turn
 * with a client holding the valid FURL uploading meanwhile. Each attack asserts the same four
 * bounds: every upload succeeds within 10 s; the server's resident memory stays within its heap
 * plus {@link #RSS_MARGIN_MIB} (docs/limits.md says how the margin was measured); the server
 * opens no outbound connection (none of its sockets has a local port other than its listening
 * port, and the listener a gift points to never gets a connection); and the hostile connection
 * gets a Violation or is closed by the server.
 */
@Timeout(120)
class RealServerHostileTest {
    /**
     * What the server may hold beyond its heap: metaspace, code cache, thread stacks, GC tables,
     * Netty's direct buffers. Measured idle: see docs/limits.md ("tested against the real server").
     */
    static final long RSS_MARGIN_MIB = 128;
    private static final long RSS_LIMIT_KIB = (ServerProcess.HEAP_MIB + RSS_MARGIN_MIB) << 10;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TubOptions DEFAULTS = TubOptions.defaults();

    @TempDir
    static Path tmp;
    private static ServerProcess server;
    private static Path work;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerProcess.start(tmp);
        work = Files.createDirectory(tmp.resolve("work"));
        // the first uploads warm both JVMs up (class loading, JIT): they are not timed
        try (UploadingBystander warmUp = new UploadingBystander(server.uploadFurl, work, server.uploads, Long.MAX_VALUE)) {
            warmUp.awaitMore(2);
            UploadingBystander.Result r = warmUp.stop();
            assertEquals(List.of(), r.failures(), "uploads before any attack");
        }
        System.out.printf("real server: pid %d, idle after 2 uploads: RSS %d MiB, %d open files%n",
                server.pid(), server.rssKiB() >> 10, server.openFiles());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** One attack, run while the bystander uploads and the watch samples the server; asserts the bounds. */
    private static void underAttack(String name, Attack attack) throws Exception {
        server.assertAlive();
        long cpuBefore = server.cpuMillis();
        ServerWatch watch = new ServerWatch(server);
        UploadingBystander bystander = new UploadingBystander(server.uploadFurl, work, server.uploads);
        UploadingBystander.Result uploads;
        ServerWatch.Report report;
        try {
            attack.run(bystander);
            bystander.awaitMore(1); // at least one upload after the attack's main part
        } finally {
            uploads = bystander.stop();
            report = watch.stop();
        }
        System.out.printf("%s: %d uploads (median %d ms, max %d ms), server RSS max %d MiB, open files max %d,"
                + " most unread bytes in one socket %d, server CPU %d ms, %d samples%n", name, uploads.uploads(),
                uploads.medianMillis(), uploads.maxMillis(), report.maxRssMiB(), report.maxOpenFiles(),
                report.maxUnreadBytes(), server.cpuMillis() - cpuBefore, report.samples());
        server.assertAlive();
        assertEquals(List.of(), report.failures(), "sampling the server");
        assertEquals(List.of(), uploads.failures(), name + ": the bystander's uploads");
        assertTrue(uploads.uploads() >= 1, name + ": no upload finished during the attack");
        assertTrue(report.maxRssKiB() <= RSS_LIMIT_KIB, name + ": server RSS " + report.maxRssMiB()
                + " MiB, over the heap " + ServerProcess.HEAP_MIB + " MiB + margin " + RSS_MARGIN_MIB + " MiB");
        assertEquals(List.of(), report.outbound(), name + ": outbound connections from the server");
    }

    @FunctionalInterface
    private interface Attack {
        void run(UploadingBystander bystander) throws Exception;
    }

    private static void assertViolation(Item item, long reqId) {
        assertTrue(item.isSequence("error") && item.reqId() == reqId && item.mentions("foolscap.tokens.Violation"),
                "expected a Violation for request " + reqId + ": " + item);
    }

    /** Sends the tuple bomb (or two equal DAGs) as the first message, or right after the swissnum. */
    private static void bomb(int dags, boolean afterSwissnum) throws Exception {
        try (RawPeer peer = RawPeer.connect(server.uploadFurl)) {
            long clid = 0;
            long first = 0;
            String method = "getReferenceByName";
            if (afterSwissnum) {
                clid = peer.resolveTarget(WAIT);
                first = peer.openId();
                method = "putfile";
            }
            Bombs.Built built = Bombs.tupleBombCall(first, 5, clid, method, 40, dags);
            peer.send(built.bytes());
            assertViolation(peer.next(WAIT), 5);
        }
    }

    @Test
    void tupleBombAndEqualDags() throws Exception {
        underAttack("tuple bomb and equal DAGs", bystander -> {
            for (int dags = 1; dags <= 2; dags++) {
                bomb(dags, false);
                bomb(dags, true);
            }
        });
    }

    @Test
    void fiveHundredGiftsInOneMessage() throws Exception {
        int gifts = 500;
        try (ServerSocket target = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress())) {
            int port = target.getLocalPort();
            underAttack("500 gifts", bystander -> {
                try (RawPeer peer = RawPeer.connect(server.uploadFurl)) {
                    // before any swissnum: 500 gifts as the Broker's arguments
                    peer.send(HostileMessages.giftCall(peer, 2, 0, "getReferenceByName", gifts, port));
                    assertViolation(peer.next(WAIT), 2);
                    // with the swissnum: 500 putfile calls in one write, each with a gift as its source
                    long clid = peer.resolveTarget(WAIT);
                    Wire w = Wire.of();
                    for (int i = 0; i < gifts; i++) {
                        RawPeer.OpenCall call = peer.startCall(w, 10 + i, clid, "putfile", 2);
                        w.bytes(("gift-" + i).getBytes(StandardCharsets.US_ASCII));
                        HostileMessages.gift(peer, w, port, i);
                        call.finish(w);
                    }
                    peer.send(w);
                    for (int i = 0; i < gifts; i++) {
                        assertViolation(peer.next(WAIT), 10 + i);
                    }
                }
                // a dial would have started while the messages were decoded, before their answers
                target.setSoTimeout(2000);
                try (Socket dialled = target.accept()) {
                    throw new AssertionError("the server dialled the gifts' address: " + dialled);
                } catch (SocketTimeoutException expected) {
                    // nobody came
                }
            });
        }
        try (var left = Files.list(server.uploads)) {
            assertEquals(0, left.filter(p -> p.getFileName().toString().startsWith("gift-")).count());
        }
    }

    /**
     * Known finding, not yet fixed (see docs/limits.md, "Tested against the real server"): the
     * server's memory stays bounded and every call gets its Violation, but while this peer fills
     * the server and then drains it, one bystander upload in two or three took 10-14 s (40 s once)
     * on the 2-core test machine under a load average near 20, against 1-2 s for the others.
     */
    @Test
    void aPeerThatSendsThousandsOfCallsAndDoesNotRead() throws Exception {
        int calls = 5_000;
        underAttack("non-reading peer, " + calls + " calls", bystander -> {
            try (RawPeer peer = RawPeer.connect(server.uploadFurl)) {
                long clid = peer.resolveTarget(WAIT);
                peer.setReading(false);
                Wire all = Wire.of();
                for (int i = 0; i < calls; i++) { // a name that is not a string: each gets a Violation
                    all.raw(peer.call(2 + i, clid, "putfile", (long) i, (long) i).bytes());
                }
                CompletableFuture<Void> writing = peer.sendInBackground(all.bytes());
                bystander.awaitMore(3); // uploads go on while the peer's answers pile up
                peer.setReading(true);
                for (int i = 0; i < calls; i++) {
                    assertViolation(peer.next(WAIT), 2 + i);
                }
                writing.get(60, TimeUnit.SECONDS);
            }
        });
    }

    @Test
    void anOversizedAnswerToTheServersRead() throws Exception {
        underAttack("8 MiB answer to read()", bystander -> {
            try (RawPeer peer = RawPeer.connect(server.uploadFurl)) {
                long clid = peer.resolveTarget(WAIT);
                Wire w = Wire.of();
                RawPeer.OpenCall call = peer.startCall(w, 2, clid, "putfile", 2);
                w.bytes("oversized.bin".getBytes(StandardCharsets.US_ASCII));
                long ref = peer.open(w, "my-reference");
                w.integer(7).close(ref);
                peer.send(call.finish(w));
                Item read = peer.next(WAIT);
                assertTrue(read.render().startsWith("call(") && read.mentions("\"read\""), read.render());
                Wire answer = Wire.of();
                long id = peer.open(answer, "answer");
                answer.integer(read.child(0).number()).bytes(new byte[8 << 20]).close(id);
                peer.send(answer);
                Item failed = peer.next(WAIT);
                while (failed.render().startsWith("call(")) { // the server may ask for the next block ahead
                    failed = peer.next(WAIT);
                }
                assertTrue(failed.isSequence("error") && failed.reqId() == 2 && failed.mentions("Violation"),
                        failed.render());
                // the connection goes on
                peer.send(peer.getReferenceCall(3, "no-such-name"));
                Item next = peer.next(WAIT);
                assertTrue(next.isSequence("error") && next.reqId() == 3 && next.mentions("KeyError"), next.render());
            }
        });
        try (var left = Files.list(server.uploads)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().contains("oversized")).toList(),
                    "the failed upload left nothing behind");
        }
    }

    /** Both floods at once (they end at the same deadline): the class stays short. */
    @Test
    void aThousandIdleConnectionsAndSlowLorisRequestLines() throws Exception {
        int idleCount = 1000;
        int lorises = 300;
        byte[] request = HostileMessages.unfinishedRequest(tubId());
        underAttack(idleCount + " idle connections and " + lorises + " slow-loris request lines", bystander -> {
            long start = System.nanoTime();
            // idle: from 50 addresses (20 each, under the per-address cap), so every one is admitted and held;
            // slow loris: from 10 more, each trickling the request line a byte every 250 ms
            try (SocketFlood idle = new SocketFlood(server.port, SocketFlood.loopbackSources(2, 50), idleCount, null, null);
                 SocketFlood trickle = new SocketFlood(server.port, SocketFlood.loopbackSources(60, 10), lorises,
                         request, Duration.ofMillis(250))) {
                Conditions.await(WAIT, () -> idle.connected() == idleCount && trickle.connected() == lorises
                        && server.openFiles() > idleCount + lorises, () -> idle.connected() + " idle and "
                        + trickle.connected() + " tricklers connected, server has " + server.openFiles() + " open files");
                bystander.awaitMore(2); // served while they are held
                Conditions.await(DEFAULTS.requestTimeout().plus(WAIT), () -> idle.open() == 0 && trickle.open() == 0,
                        () -> idle.open() + " idle and " + trickle.open() + " tricklers open after the request timeout");
                long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals(idleCount, idle.closedByServer(), "idle ones closed by the server");
                assertEquals(lorises, trickle.closedByServer(), "tricklers closed by the server");
                assertEquals(0, idle.bytesReceived() + trickle.bytesReceived(), "closed without a word");
                // the request takes 27 s to trickle; the server closed it at its deadline
                assertTrue(took < request.length * 250L, "closed after " + took + " ms");
            }
        });
    }

    @Test
    void churnOfFreshTubIds() throws Exception {
        int peers = 20;
        int filesBefore = server.openFiles();
        underAttack(peers + " fresh TubIDs", bystander -> {
            for (int i = 0; i < peers; i++) {
                try (RawPeer peer = RawPeer.connect(server.uploadFurl)) { // a new identity each time
                    long clid = peer.resolveTarget(WAIT);
                    peer.send(peer.call(2, clid, "putfile", 1L, 2L));
                    assertViolation(peer.next(WAIT), 2);
                }
            }
            Conditions.await(WAIT, () -> server.openFiles() <= filesBefore + 4,
                    () -> server.openFiles() + " open files, " + filesBefore + " before the churn");
        });
    }

    private static String tubId() {
        String furl = server.uploadFurl;
        return furl.substring("pb://".length(), furl.indexOf('@'));
    }
}
