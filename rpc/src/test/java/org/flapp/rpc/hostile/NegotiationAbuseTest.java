package org.flapp.rpc.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flapp.rpc.TubOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers that send garbage before negotiation or stall in the middle of it, against a live Java
 * Tub (miniclient.py raw, hostile_probe.py stall-hello). Garbage gets Foolscap's HTTP 500 and a
 * closed connection at once; a stalled negotiation is closed when
 * {@link TubOptions#negotiationTimeout()} expires (Foolscap waits 120 s, then closes silently).
 */
@Timeout(120)
class NegotiationAbuseTest {
    private static final Pattern REPLY = Pattern.compile("^reply \\(([0-9.]+)s\\): (.*)$");
    private static final Duration TIMEOUT = Duration.ofMillis(3000);

    @TempDir
    Path dir;

    /** miniclient's raw mode: sends the bytes, prints the reply and how long until EOF (5 s at most). */
    private record Raw(double seconds, String reply) {
        static Raw run(HostileServer server, byte[] bytes) throws Exception {
            try (Probe.Running probe = Probe.miniclient("raw", "127.0.0.1", String.valueOf(server.port),
                    HexFormat.of().formatHex(bytes))) {
                Probe.Result result = probe.finish(30);
                for (String line : result.lines()) {
                    Matcher m = REPLY.matcher(line);
                    if (m.matches()) {
                        return new Raw(Double.parseDouble(m.group(1)), m.group(2));
                    }
                }
                throw new AssertionError("no reply line in\n" + result.text());
            }
        }
    }

    private static byte[] getRequest(HostileServer server) {
        return ("GET /id/" + server.tubId() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: TLS/1.0\r\n"
                + "Connection: Upgrade\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
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
                assertTrue(raw.reply().startsWith("b'HTTP/1.1 500 Internal Server Error"), raw.reply());
                assertTrue(raw.seconds() < 4, "closed after " + raw.seconds() + " s, not at once");
            }
        }
    }

    @Test
    void closesNegotiationsStalledAfterTheRequestInTlsOrBeforeTheHello() throws Exception {
        TubOptions options = TubOptions.builder().negotiationTimeout(TIMEOUT).build();
        try (HostileServer server = new HostileServer(options);
             Probe.Running beforeHello = Probe.own("stall-hello", server.furl, Probe.clientPem(dir).toString())) {
            HostileServer.Traffic traffic = server.startTraffic();
            Raw afterGet = Raw.run(server, getRequest(server));
            byte[] partialClientHello = HexFormat.of().parseHex("16030100c8010000c40303" + "00".repeat(20));
            byte[] get = getRequest(server);
            byte[] midTls = new byte[get.length + partialClientHello.length];
            System.arraycopy(get, 0, midTls, 0, get.length);
            System.arraycopy(partialClientHello, 0, midTls, get.length, partialClientHello.length);
            Raw inTls = Raw.run(server, midTls);
            Probe.Result hello = beforeHello.finish(40);
            traffic.stopAndCheck();
            server.assertBystanderServed();

            assertTrue(afterGet.reply().startsWith("b'HTTP/1.1 101 Switching Protocols"), afterGet.reply());
            assertTrue(inTls.reply().startsWith("b'HTTP/1.1 101 Switching Protocols"), inTls.reply());
            for (Raw raw : new Raw[] {afterGet, inTls}) {
                assertTrue(raw.seconds() >= 2.0 && raw.seconds() < 4.9,
                        "closed after " + raw.seconds() + " s; the negotiation timeout is " + TIMEOUT);
            }
            Matcher m = Pattern.compile("end: closed after ([0-9.]+) s").matcher(hello.text());
            assertTrue(m.find(), hello.text());
            assertTrue(hello.printed("banana-negotiation-range"), "the server sent its hello: " + hello.text());
            double seconds = Double.parseDouble(m.group(1));
            assertTrue(seconds >= 2.0 && seconds < 10, "closed " + seconds + " s after the TLS handshake");
        }
    }
}
