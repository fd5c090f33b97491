package org.flapp.rpc.internal.negotiation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.flapp.rpc.NegotiationException;
import org.flapp.rpc.TubIdentity;
import org.flapp.rpc.internal.clock.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlaintextHandlersTest {
    private static final TubIdentity SERVER = TubIdentity.generateEphemeral();
    private static final String GOOD_REQUEST = "GET /id/" + SERVER.tubId() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Upgrade: TLS/1.0\r\nConnection: Upgrade\r\n\r\n";

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static EmbeddedChannel server() {
        return server(new ManualClock());
    }

    private static EmbeddedChannel server(ManualClock clock) {
        TestHost host = new TestHost(SERVER);
        host.clock = clock;
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast(Negotiation.PLAINTEXT_HANDLER,
                new ServerPlaintextHandler(NegotiationAttempt.accepting(host), REQUEST_TIMEOUT));
        return ch;
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    private static String outbound(EmbeddedChannel ch) {
        StringBuilder out = new StringBuilder();
        for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
            out.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return out.toString();
    }

    @Test
    void serverAnswers101AndInstallsTlsAtEveryFragmentSize() {
        for (int size = 1; size <= GOOD_REQUEST.length(); size += 7) {
            EmbeddedChannel ch = server();
            for (int i = 0; i < GOOD_REQUEST.length(); i += size) {
                ch.writeInbound(ascii(GOOD_REQUEST.substring(i, Math.min(GOOD_REQUEST.length(), i + size))));
            }
            assertEquals("HTTP/1.1 101 Switching Protocols\r\nUpgrade: TLS/1.0, PB/1.0\r\nConnection: Upgrade\r\n\r\n",
                    outbound(ch), "fragment size " + size);
            assertNull(ch.pipeline().get(Negotiation.PLAINTEXT_HANDLER));
            assertTrue(ch.pipeline().get(Negotiation.TLS_HANDLER) instanceof SslHandler);
            assertNotNull(ch.pipeline().get(Negotiation.NEGOTIATION_HANDLER));
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void requestWithoutUpgradeHeaderStillGets101() {
        EmbeddedChannel ch = server();
        ch.writeInbound(ascii("GET /id/" + SERVER.tubId() + " HTTP/1.1\r\n\r\n"));
        assertTrue(outbound(ch).startsWith("HTTP/1.1 101 Switching Protocols\r\n"));
        ch.finishAndReleaseAll();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "POST /id/x HTTP/1.1\\r\\n\\r\\n|internal server error, see logs",
        "GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n|internal server error, see logs",
        "GET /id/ HTTP/1.1\\r\\n\\r\\n|secure Tubs require encryption",
        "GET /id/abc\\r\\n\\r\\n|internal server error, see logs",
        "hello there\\r\\n\\r\\n|internal server error, see logs",
        "GET /id/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb HTTP/1.1\\r\\n\\r\\n|unknown TubID bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        "\\r\\n\\r\\n|internal server error, see logs",
    })
    void serverRefusesWithFoolscapsMessages(String request, String message) {
        EmbeddedChannel ch = server();
        ch.writeInbound(ascii(request.replace("\\r\\n", "\r\n")));
        assertEquals("HTTP/1.1 500 Internal Server Error: " + message + "\r\n\r\n", outbound(ch));
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void serverWaitsAt4096BytesAndRefusesAt4097() {
        EmbeddedChannel ch = server();
        ch.writeInbound(ascii("G".repeat(4096)));
        assertEquals("", outbound(ch));
        assertTrue(ch.isOpen());
        ch.writeInbound(ascii("G"));
        assertEquals("HTTP/1.1 500 Internal Server Error: internal server error, see logs\r\n\r\n", outbound(ch));
        ch.finishAndReleaseAll();
    }

    @Test
    void serverIgnoresBytesAfterItsRefusal() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAutoClose(false);
        ch.pipeline().addLast(new ServerPlaintextHandler(NegotiationAttempt.accepting(new TestHost(SERVER)), REQUEST_TIMEOUT));
        ch.writeInbound(ascii("GET /id/bbbb HTTP/1.1\r\n\r\n"
                + "banana-decision-version: 1\r\nerror: internal server error, see logs\r\n\r\n"));
        assertEquals("HTTP/1.1 500 Internal Server Error: unknown TubID bbbb\r\n\r\n", outbound(ch));
        assertNull(ch.readInbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void serverClosesSilentlyWhenTheRequestIsIncompleteAtTheRequestTimeout() {
        ManualClock clock = new ManualClock();
        EmbeddedChannel ch = server(clock);
        ch.writeInbound(ascii(GOOD_REQUEST.substring(0, 20))); // a slow-loris start
        clock.advance(REQUEST_TIMEOUT.minusMillis(1));
        ch.writeInbound(ascii(GOOD_REQUEST.substring(20, 30)));
        assertTrue(ch.isOpen(), "still within the request timeout");
        clock.advance(Duration.ofMillis(1));
        assertFalse(ch.isOpen(), "closed at the request timeout, counted from acceptance");
        assertEquals("", outbound(ch), "closed without a reply");
        ch.finishAndReleaseAll();
    }

    @Test
    void requestTimeoutNoLongerAppliesOnceTheRequestIsComplete() {
        ManualClock clock = new ManualClock();
        EmbeddedChannel ch = server(clock);
        ch.writeInbound(ascii(GOOD_REQUEST));
        assertEquals(0, clock.pending(), "the request deadline was cancelled");
        clock.advance(REQUEST_TIMEOUT.multipliedBy(10));
        assertTrue(ch.isOpen());
        assertNotNull(ch.pipeline().get(Negotiation.NEGOTIATION_HANDLER));
        ch.finishAndReleaseAll();
    }

    @Test
    void requestTimeoutIsCancelledByARefusal() {
        ManualClock clock = new ManualClock();
        EmbeddedChannel ch = server(clock);
        ch.writeInbound(ascii("hello there\r\n\r\n"));
        assertTrue(outbound(ch).startsWith("HTTP/1.1 500 "));
        assertEquals(0, clock.pending());
        ch.finishAndReleaseAll();
    }

    private static NegotiationAttempt clientAttempt() {
        return NegotiationAttempt.connecting(new TestHost(TubIdentity.generateEphemeral()), "127.0.0.1", 41010,
                "fwhjwcytzdzbijbpnca627vyrj6tdppr");
    }

    @Test
    void clientSendsTheExactRequest() {
        EmbeddedChannel ch = new EmbeddedChannel(new ClientPlaintextHandler(clientAttempt()));
        String request = outbound(ch);
        assertEquals("GET /id/fwhjwcytzdzbijbpnca627vyrj6tdppr HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Upgrade: TLS/1.0\r\nConnection: Upgrade\r\n\r\n", request);
        assertEquals(109, request.length());
        ch.finishAndReleaseAll();
    }

    @Test
    void clientReportsThePeersRefusal() {
        NegotiationAttempt attempt = clientAttempt();
        EmbeddedChannel ch = new EmbeddedChannel(new ClientPlaintextHandler(attempt));
        outbound(ch);
        ch.writeInbound(ascii("HTTP/1.1 500 Internal Server Error: unknown TubID fwhjwcytzdzbijbpnca627vyrj6tdppr\r\n\r\n"));
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> attempt.result().get());
        assertTrue(e.getCause() instanceof NegotiationException);
        // a 500 to our request: the peer does not host the TubID we asked for
        assertEquals(NegotiationException.Reason.WRONG_TUB, ((NegotiationException) e.getCause()).reason());
        assertEquals("negotiation with 127.0.0.1:41010 failed: refused by peer: "
                + "HTTP/1.1 500 Internal Server Error: unknown TubID fwhjwcytzdzbijbpnca627vyrj6tdppr",
                e.getCause().getMessage());
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void clientUpgradesOn101() {
        NegotiationAttempt attempt = clientAttempt();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast(Negotiation.PLAINTEXT_HANDLER, new ClientPlaintextHandler(attempt));
        outbound(ch);
        ch.writeInbound(ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: TLS/1.0, PB/1.0\r\nConnection: Upgrade\r\n\r\n"));
        assertTrue(ch.pipeline().get(Negotiation.TLS_HANDLER) instanceof SslHandler);
        assertNull(ch.pipeline().get(Negotiation.PLAINTEXT_HANDLER));
        assertFalse(attempt.result().isDone());
        ch.finishAndReleaseAll();
    }

    @Test
    void clientRefusesReplyWithoutTlsUpgrade() {
        NegotiationAttempt attempt = clientAttempt();
        EmbeddedChannel ch = new EmbeddedChannel(new ClientPlaintextHandler(attempt));
        ch.writeInbound(ascii("HTTP/1.1 101 Switching Protocols\r\n\r\n"));
        assertTrue(attempt.result().isCompletedExceptionally());
        ch.finishAndReleaseAll();
    }
}
