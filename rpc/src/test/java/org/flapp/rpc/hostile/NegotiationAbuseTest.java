package org.flapp.rpc.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import org.flapp.rpc.TubIdentity;
import org.flapp.rpc.TubOptions;
import org.flapp.rpc.furl.Furl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Peers that send garbage before negotiation or stall in the middle of it ({@link RawPeer} in
 * raw and TLS-only modes), against a live Java Tub. Garbage gets Foolscap's HTTP 500 and a closed
 * connection at once; a stalled negotiation is closed when {@link TubOptions#negotiationTimeout()}
 * expires (Foolscap waits 120 s, then closes silently).
 */
@Timeout(120)
class NegotiationAbuseTest {
    private static final Duration TIMEOUT = Duration.ofMillis(5000);

    /**
     * What came back on a raw connection, and how many seconds after the TCP connect began the
     * server closed it (15 s at most): the server's timer cannot have started earlier.
     */
    private record Raw(double seconds, String reply) {
        static Raw run(HostileServer server, byte[] bytes) throws Exception {
            long start = System.nanoTime();
            try (RawPeer peer = RawPeer.raw("127.0.0.1", server.port)) {
                peer.send(bytes);
                boolean closed = peer.awaitClosed(Duration.ofSeconds(15));
                double seconds = closed ? (peer.closedAtNanos() - start) / 1e9 : Double.POSITIVE_INFINITY;
                return new Raw(seconds, peer.receivedText());
            }
        }
    }

    private static byte[] getRequest(HostileServer server) {
        return RawPeer.getRequest(server.tubId(), "127.0.0.1");
    }

    @Test
    void answersGarbageBeforeNegotiationWith500AndClosesAtOnce() throws Exception {
        try (HostileServer server = new HostileServer(TubOptions.defaults())) {
            HostileServer.Traffic traffic = server.startTraffic();
            Raw text = Raw.run(server, "hello there\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] binary = new byte[5000];
            new java.util.Random(7).nextBytes(binary);
            binary[0] = 0x16; // looks like a TLS record sent without the GET
            Raw noTerminator = Raw.run(server, binary);
            traffic.stopAndCheck();
            server.assertBystanderServed();
            for (Raw raw : new Raw[] {text, noTerminator}) {
                assertTrue(raw.reply().startsWith("HTTP/1.1 500 Internal Server Error"), raw.reply());
                assertTrue(raw.seconds() < 4, "closed after " + raw.seconds() + " s, not at once");
            }
        }
    }

    @Test
    void closesNegotiationsStalledAfterTheRequestInTlsOrBeforeTheHello() throws Exception {
        TubOptions options = TubOptions.builder().negotiationTimeout(TIMEOUT).build();
        try (HostileServer server = new HostileServer(options)) {
            // one whole negotiation first: a cold JDK TLS stack on a loaded machine can take seconds
            RawPeer.connect(server.furl).close();
            HostileServer.Traffic traffic = server.startTraffic();
            TubIdentity identity = TubIdentity.generateEphemeral();
            long helloStart = System.nanoTime();
            RawPeer beforeHello = RawPeer.tls(Furl.parse(server.furl), identity);
            Raw afterGet = Raw.run(server, getRequest(server));
            byte[] partialClientHello = HexFormat.of().parseHex("16030100c8010000c40303" + "00".repeat(20));
            byte[] get = getRequest(server);
            byte[] midTls = new byte[get.length + partialClientHello.length];
            System.arraycopy(get, 0, midTls, 0, get.length);
            System.arraycopy(partialClientHello, 0, midTls, get.length, partialClientHello.length);
            Raw inTls = Raw.run(server, midTls);
            boolean helloClosed = beforeHello.awaitClosed(Duration.ofSeconds(30));
            double helloSeconds = (beforeHello.closedAtNanos() - helloStart) / 1e9;
            String helloReceived = beforeHello.receivedText();
            beforeHello.close();
            traffic.stopAndCheck();
            server.assertBystanderServed();

            assertTrue(afterGet.reply().startsWith("HTTP/1.1 101 Switching Protocols"), afterGet.reply());
            assertTrue(inTls.reply().startsWith("HTTP/1.1 101 Switching Protocols"), inTls.reply());
            for (Raw raw : new Raw[] {afterGet, inTls}) {
                assertTimedOut(raw.seconds());
            }
            assertTrue(helloClosed, "a peer that sent no hello was kept 30 s");
            assertTrue(helloReceived.contains("banana-negotiation-range"), "the server sent its hello: " + helloReceived);
            assertTimedOut(helloSeconds);
        }
    }

    /** Closed by the negotiation timer: not before it ran out, and not long after (a loaded machine is slow). */
    private static void assertTimedOut(double seconds) {
        double timeout = TIMEOUT.toMillis() / 1000.0;
        assertTrue(seconds >= timeout - 0.05 && seconds < timeout + 8,
                "closed " + seconds + " s after connecting; the negotiation timeout is " + TIMEOUT);
    }
}
