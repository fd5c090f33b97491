package org.flapp.rpc.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.flapp.rpc.TubIdentity;
import org.flapp.rpc.internal.banana.BananaDecoder;
import org.flapp.rpc.internal.banana.CodecLimits;
import org.flapp.rpc.internal.banana.VocabTable;
import org.flapp.rpc.internal.negotiation.NegotiatedConnection;
import org.flapp.rpc.internal.negotiation.ServerNegotiationDriver;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the accepting side's negotiation: the request line (ServerPlaintextHandler), then the
 * hello and decision blocks (TlsNegotiationHandler, with TLS replaced by a fixed client
 * certificate, see {@link ServerNegotiationDriver}), then the hand-over of the bytes that follow
 * to a Banana decoder, as the Tub installs one.
 *
 * <p>Identities: fixed test keys (test resources {@code fuzz/*.pem}) sorted by TubID, so that
 * roles do not change between runs: we are "middle"; the client is "high" (it is the master and
 * sends the decision) when bit 7 of the control byte is set, else "low". Bit 6: we already have a
 * live connection to that client (the duplicate-connection rules run). Bits 0-3: fragment size.
 * The rest of the input is the client's plaintext stream: request, hello, decision, Banana.
 *
 * <p>Expected: a 500 answer and a closed channel; or 101, our hello, then an error block or a
 * Banana ERROR and a closed channel; or a finished negotiation for exactly the client's proven
 * TubID; or an open channel still negotiating. Any exception, a negotiation for another TubID, or
 * a closed channel whose attempt did not end, is a finding.
 */
class NegotiationFuzzTest {
    static final TubIdentity LOW = identity("low");
    static final TubIdentity SERVER = identity("middle");
    static final TubIdentity HIGH = identity("high");
    private static final String[] WATCHED = {"org.flapp.rpc.internal.negotiation.NegotiationAttempt"};

    static Stream<Arguments> negotiationTarget() {
        List<Arguments> seeds = new ArrayList<>();
        for (Seeds.Connection c : Seeds.connections()) {
            TubIdentity client = c.clientIsMaster() ? HIGH : LOW;
            String stream = new String(c.clientToServer(), StandardCharsets.ISO_8859_1)
                    .replace(c.serverTubId(), SERVER.tubId())
                    .replace(c.clientTubId(), client.tubId());
            byte[] body = stream.getBytes(StandardCharsets.ISO_8859_1);
            int control = 0x0f | (c.clientIsMaster() ? 0x80 : 0);
            seeds.add(Arguments.of((Object) Seeds.withControl(control, body)));
            seeds.add(Arguments.of((Object) Seeds.withControl(control | 0x40, body)));
        }
        return seeds.stream();
    }

    @MethodSource
    @FuzzTest(maxDuration = "20s")
    void negotiationTarget(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int control = input[0] & 0xff;
        TubIdentity client = (control & 0x80) != 0 ? HIGH : LOW;
        try (FindingTrap trap = new FindingTrap(WATCHED)) {
            negotiate(input, control, client);
            trap.check();
        }
    }

    private static void negotiate(byte[] input, int control, TubIdentity client) {
        ServerNegotiationDriver driver = new ServerNegotiationDriver(SERVER, NegotiationFuzzTest::banana);
        if ((control & 0x40) != 0) {
            driver.existingConnection(client.tubId(), "fedcba9876543210", "0123456789abcdef 1");
        }
        EmbeddedChannel channel = driver.channel();
        int fragment = Streams.fragmentSize(control);
        try {
            // the request alone first: the bytes after it would go to the TLS handler we skip
            int blank = Seeds.indexOfBlankLine(input, 1);
            int requestEnd = blank < 0 ? input.length : blank + 4;
            Streams.feed(channel, Arrays.copyOf(input, requestEnd), 1, fragment, driver::runDeferredCloses);
            byte[] plaintextAnswer = Streams.outbound(channel);
            String answer = new String(plaintextAnswer, StandardCharsets.ISO_8859_1);
            if (!driver.upgraded()) {
                assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 500 "), "plaintext answer: " + answer);
                assertEquals(answer.isEmpty(), channel.isOpen(), "a refused request closes the channel, "
                        + "one still being read does not: " + answer);
                return;
            }
            assertTrue(answer.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), "upgrade answer: " + answer);
            driver.skipTls(client.certificate());
            Streams.feed(channel, input, requestEnd, fragment, driver::runDeferredCloses);
            checkOutcome(driver, client);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static void checkOutcome(ServerNegotiationDriver driver, TubIdentity client) {
        EmbeddedChannel channel = driver.channel();
        String sent = new String(Streams.outbound(channel), StandardCharsets.ISO_8859_1);
        assertTrue(sent.startsWith("banana-negotiation-range: "), "our hello comes first: " + sent);
        NegotiatedConnection done = driver.negotiated();
        if (done != null) {
            assertEquals(client.tubId(), done.peerTubId(), "negotiated with a TubID the certificate does not prove");
            assertEquals(SERVER.tubId().compareTo(client.tubId()) > 0, done.weAreMaster(), "master is the larger TubID");
        }
        if (channel.isOpen()) {
            assertEquals(done == null, driver.negotiating(), "an open channel negotiates until it is done");
        } else {
            assertTrue(driver.attemptDone() || done != null, "closed while the negotiation attempt is still open");
        }
    }

    /** What the Tub adds once negotiation is done, minus the Broker: the bytes that follow must decode. */
    private static BananaDecoder banana(NegotiatedConnection connection) {
        VocabTable table = VocabTable.forIndex(connection.vocabTableIndex()).orElseThrow();
        return new BananaDecoder(CodecLimits.defaults(), table, new BananaFuzzTest.MarkerRefs());
    }

    private static TubIdentity identity(String name) {
        try (InputStream in = NegotiationFuzzTest.class.getResourceAsStream("/fuzz/" + name + ".pem")) {
            return TubIdentity.fromPem(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
