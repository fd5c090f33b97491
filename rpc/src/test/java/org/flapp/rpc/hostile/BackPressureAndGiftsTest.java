package org.flapp.rpc.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.Channel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flapp.rpc.Tub;
import org.flapp.rpc.TubIdentity;
import org.flapp.rpc.TubOptions;
import org.flapp.rpc.internal.banana.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Write back-pressure and third-party references ("gifts") attacked through a real socket
 * ({@link RawPeer}) against a live Tub, with a bystander that must keep being served.
 */
@Timeout(300)
class BackPressureAndGiftsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int LOW = 32 * 1024;
    private static final int HIGH = 64 * 1024;
    /** One answer: the 4 KiB echoed plus its framing and TLS record overhead, rounded up generously. */
    private static final int ONE_MESSAGE = 8 * 1024;

    /** The server's queued outbound bytes to that channel, read on its event loop. */
    private static long queued(Channel channel) throws Exception {
        return channel.eventLoop().submit(() -> {
            var buffer = channel.unsafe().outboundBuffer();
            return buffer == null ? 0L : buffer.totalPendingWriteBytes();
        }).get(10, TimeUnit.SECONDS);
    }

    private static boolean reading(Channel channel) throws Exception {
        return channel.eventLoop().submit(() -> channel.config().isAutoRead()).get(10, TimeUnit.SECONDS);
    }

    /**
     * Enough calls that the kernel cannot hold them all once the server stops reading: calls fill
     * the server's receive buffer and the peer's send buffer, and the answers to the calls read
     * before that fill the server's send buffer and the peer's receive buffer. Loopback buffers
     * grow by autotuning up to the tcp_rmem and tcp_wmem maxima (32 and 4 MiB on the CI machine,
     * where 3000 calls of 4 KiB once fitted entirely), so twice their sum, and 3000 calls more.
     */
    private static int callsBeyondKernelBuffers(int payloadBytes) throws Exception {
        long kernel = 2 * (maximum("/proc/sys/net/ipv4/tcp_rmem") + maximum("/proc/sys/net/ipv4/tcp_wmem"));
        return (int) (kernel / payloadBytes) + 3000;
    }

    private static long maximum(String sysctl) throws Exception {
        // not Files.readString: on a /proc/sys file JDK 17's gives "4" for "4096 131072 33554432",
        // which made this 3000 calls, few enough that the kernel's buffers could take them all
        String[] fields = String.join(" ", Files.readAllLines(Path.of(sysctl))).trim().split("\\s+");
        return Long.parseLong(fields[fields.length - 1]);
    }

    @Test
    void aPeerThatDoesNotReadHoldsAtMostTheHighWaterMarkPlusOneMessageAndIsNoLongerRead() throws Exception {
        byte[] payload = new byte[4096];
        int calls = callsBeyondKernelBuffers(payload.length);
        // a pending-call limit out of the way: only the peer's not reading may stop us reading
        TubOptions options = TubOptions.builder().writeBufferWaterMark(LOW, HIGH)
                .maxPendingInboundCalls(1_000_000).build();
        try (HostileServer server = new HostileServer(options);
             RawPeer peer = RawPeer.connect(server.furl)) {
            long svc = peer.resolveTarget(WAIT);
            Channel channel = ServerChannels.of(server.server, peer.identity().tubId());
            peer.setReading(false);
            Wire all = Wire.of();
            for (int i = 0; i < calls; i++) {
                all.raw(peer.call(2 + i, svc, "echo", (Object) payload).bytes());
            }
            CompletableFuture<Void> writing = peer.sendInBackground(all.bytes());
            HostileServer.Traffic traffic = server.startTraffic();
            // wait (bounded) until the server has stopped reading from the peer; sample meanwhile
            long most = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos(); // the kernel's buffers fill first
            // Reading goes off and on again while the kernel's socket buffers still take what
            // Netty flushes; wait (bounded) until it has stayed off, with the channel full, for a
            // second: then only the peer's reading can undo it
            long heldSince = 0;
            while (System.nanoTime() < deadline) {
                most = Math.max(most, queued(channel));
                boolean held = !reading(channel) && !channel.isWritable();
                long now = System.nanoTime();
                if (!held) {
                    heldSince = 0;
                } else if (heldSince == 0) {
                    heldSince = now;
                } else if (now - heldSince > Duration.ofSeconds(1).toNanos()) {
                    break;
                }
                Thread.sleep(20);
            }
            assertFalse(reading(channel), "the server still reads from a peer that does not read");
            assertFalse(channel.isWritable());
            for (int i = 0; i < 50; i++) { // and it stays within the bound while the peer stays put
                most = Math.max(most, queued(channel));
                Thread.sleep(20);
            }
            traffic.stopAndCheck();
            server.assertBystanderServed();
            assertTrue(most <= HIGH + ONE_MESSAGE, "the server queued " + most + " bytes for a peer that"
                    + " does not read (high-water mark " + HIGH + ")");
            assertFalse(writing.isDone(), "the server read all " + calls + " calls although nobody read its answers");

            // once the peer reads again, every answer comes, in order
            peer.setReading(true);
            for (int i = 0; i < calls; i++) {
                Item answer = peer.next(WAIT);
                assertTrue(answer.isSequence("answer") && answer.reqId() == 2 + i, "answer " + i + ": " + answer);
            }
            writing.get(60, TimeUnit.SECONDS);
        }
    }

    /** Accepts on {@code listener} for {@code window}; returns how many connections came. */
    private static int accepted(ServerSocket listener, Duration window, List<Socket> keep) throws IOException {
        int count = 0;
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end) {
            listener.setSoTimeout((int) Math.max(1, (end - System.nanoTime()) / 1_000_000));
            try {
                keep.add(listener.accept());
                count++;
            } catch (SocketTimeoutException e) {
                break;
            }
        }
        return count;
    }

    private static int giftAttack(TubOptions options, int gifts) throws Exception {
        List<Socket> dialled = new ArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
             HostileServer server = new HostileServer(options);
             RawPeer peer = RawPeer.connect(server.furl)) {
            long svc = peer.resolveTarget(WAIT);
            HostileServer.Traffic traffic = server.startTraffic();
            peer.send(HostileMessages.giftCall(peer, 2, svc, "note", gifts, listener.getLocalPort()));
            // the lookups a message starts begin while it is decoded, before its answer is written
            Item answer = peer.next(WAIT);
            assertTrue(answer.isSequence("error") && answer.reqId() == 2 && answer.mentions("foolscap.tokens.Violation"),
                    answer.toString());
            int count = accepted(listener, Duration.ofSeconds(3), dialled);
            traffic.stopAndCheck();
            server.assertBystanderServed();
            assertEquals(List.of(), server.notes, "the call with gifts did not run");
            return count;
        } finally {
            for (Socket s : dialled) {
                s.close();
            }
        }
    }

    @Test
    void fiveHundredGiftsInOneMessageGetAViolationAndNoOutboundConnectionWithGiftsOff() throws Exception {
        assertEquals(0, giftAttack(TubOptions.defaults(), 500), "outbound connections made for gifts");
    }

    @Test
    void withGiftsOnFiveHundredGiftsDialAtMostMaxGiftLookups() throws Exception {
        // the same attack with gifts on shows the listener does see the dials it must not see above
        int dialled = giftAttack(TubOptions.builder().acceptGifts(true).maxGiftLookups(8).build(), 500);
        assertTrue(dialled >= 1 && dialled <= 8, dialled + " outbound connections for 500 gifts, at most 8 allowed");
    }

    @Test
    void withGiftsOnACallWaitingForAGiftRunsBeforeTheCallsBehindIt() throws Exception {
        try (Tub third = new Tub(TubIdentity.generateEphemeral());
             HostileServer server = new HostileServer(TubOptions.builder().acceptGifts(true).build());
             RawPeer peer = RawPeer.connect(server.furl)) {
            int port = third.listenOn("tcp:0:interface=127.0.0.1");
            third.setLocation("tcp:127.0.0.1:" + port);
            String thirdFurl = third.registerReference(() -> org.flapp.rpc.RemoteMethods.builder().build());
            long svc = peer.resolveTarget(WAIT);
            Wire w = Wire.of();
            RawPeer.OpenCall first = peer.startCall(w, 2, svc, "note", 1);
            long gift = peer.open(w, "their-reference");
            w.integer(0).str(thirdFurl).close(gift);
            first.finish(w);
            w.raw(peer.call(3, svc, "note", "second").bytes());
            peer.send(w);
            Item a = peer.next(WAIT);
            Item b = peer.next(WAIT);
            assertTrue(a.isSequence("answer") && a.reqId() == 2, a.toString());
            assertTrue(b.isSequence("answer") && b.reqId() == 3, b.toString());
            assertEquals(2, server.notes.size());
            assertTrue(server.notes.get(0) instanceof org.flapp.rpc.RemoteReference, "first ran first: " + server.notes);
            assertEquals("second", server.notes.get(1));
        }
    }
}
