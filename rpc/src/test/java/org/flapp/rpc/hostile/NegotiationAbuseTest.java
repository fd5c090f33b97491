package org.flapp.rpc.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import org.flapp.rpc.TubIdentity;
import org.flapp.rpc.TubOptions;
import org.flapp.rpc.furl.Furl;
import org.flapp.rpc.internal.clock.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Peers that send garbage before negotiation or stall in the middle of it ({@link RawPeer} in
 * raw and TLS-only modes), against a live Java Tub. Garbage gets Foolscap's HTTP 500 and a closed
 * connection at once; a stalled negotiation is closed when {@link TubOptions#negotiationTimeout()}
 * expires (Foolscap waits 120 s, then closes silently), exactly then on the server's manual clock.
 */
@Timeout(120)
class NegotiationAbuseTest {
    private static final Duration TIMEOUT = Duration.ofMillis(5000);
    private static final String SWITCHING = "HTTP/1.1 101 Switching Protocols";

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
    void closesNegotiationsStalledAfterTheRequestInTlsOrBeforeTheHelloAtTheNegotiationTimeout() throws Exception {
        ManualClock clock = new ManualClock();
        TubOptions options = TubOptions.builder().negotiationTimeout(TIMEOUT).build();
        try (HostileServer server = new HostileServer(options, clock)) {
            HostileServer.Traffic traffic = server.startTraffic();
            byte[] partialClientHello = HexFormat.of().parseHex("16030100c8010000c40303" + "00".repeat(20));
            byte[] get = getRequest(server);
            byte[] midTls = new byte[get.length + partialClientHello.length];
            System.arraycopy(get, 0, midTls, 0, get.length);
            System.arraycopy(partialClientHello, 0, midTls, get.length, partialClientHello.length);
            try (RawPeer afterGet = RawPeer.raw("127.0.0.1", server.port);
                 RawPeer inTls = RawPeer.raw("127.0.0.1", server.port);
                 RawPeer beforeHello = RawPeer.tls(Furl.parse(server.furl), TubIdentity.generateEphemeral())) {
                afterGet.send(get);
                inTls.send(midTls);
                Conditions.await(Duration.ofSeconds(30), () -> afterGet.receivedText().startsWith(SWITCHING)
                        && inTls.receivedText().startsWith(SWITCHING)
                        && beforeHello.receivedText().contains("banana-negotiation-range"),
                        () -> "the server did not answer every stage: " + afterGet.receivedText() + " / "
                                + inTls.receivedText() + " / " + beforeHello.receivedText());

                clock.advance(TIMEOUT.minusMillis(1));
                assertEquals(4, server.runtime.acceptedConnections(), "none closed before the negotiation timeout");
                clock.advance(Duration.ofMillis(1));
                assertEquals(1, server.runtime.acceptedConnections(), "all three closed at the timeout");
                for (RawPeer peer : new RawPeer[] {afterGet, inTls, beforeHello}) {
                    assertTrue(peer.awaitClosed(Duration.ofSeconds(30)), "the peer saw the close");
                }
            }
            traffic.stopAndCheck();
            server.assertBystanderServed();
        }
    }
}
