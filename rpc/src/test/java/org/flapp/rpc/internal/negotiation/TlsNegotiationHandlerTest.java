package org.flapp.rpc.internal.negotiation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.flapp.rpc.NegotiationException;
import org.flapp.rpc.NegotiationException.Reason;
import org.flapp.rpc.TubIdentity;
import org.junit.jupiter.api.Test;

/**
 * The connecting side's checks once TLS is up, without TLS: the test hands the handler the
 * certificate the "server" presented and fires the handshake event itself.
 */
class TlsNegotiationHandlerTest {
    private static final TubIdentity EXPECTED = TubIdentity.generateEphemeral();
    private static final TubIdentity OTHER = TubIdentity.generateEphemeral();

    private static NegotiationAttempt connectingTo(TubIdentity expected) {
        return NegotiationAttempt.connecting(new TestHost(TubIdentity.generateEphemeral()), "127.0.0.1", 41010,
                expected.tubId());
    }

    private static NegotiationException failureOf(NegotiationAttempt attempt) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> attempt.result().get());
        return assertInstanceOf(NegotiationException.class, e.getCause());
    }

    @Test
    void aServerWithAnotherCertificateIsTheWrongTubAndHearsNothingFromUs() {
        NegotiationAttempt attempt = connectingTo(EXPECTED);
        EmbeddedChannel ch = new EmbeddedChannel(new TlsNegotiationHandler(attempt, ctx -> OTHER.certificate()));
        ch.pipeline().fireUserEventTriggered(SslHandshakeCompletionEvent.SUCCESS);

        NegotiationException failure = failureOf(attempt);
        assertEquals(Reason.WRONG_TUB, failure.reason());
        assertEquals("negotiation with 127.0.0.1:41010 failed: connected to the wrong Tub: expected "
                + EXPECTED.tubId() + ", got " + OTHER.tubId(), failure.getMessage());
        // the check comes before our hello: the wrong server learns only that we refused
        ByteBuf sent = ch.readOutbound();
        try {
            assertEquals("banana-decision-version: 1\r\nerror: internal server error, see logs\r\n\r\n",
                    sent.toString(java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            sent.release();
        }
        assertNull(ch.readOutbound());
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void aServerWithoutACertificateIsTheWrongTub() {
        NegotiationAttempt attempt = connectingTo(EXPECTED);
        EmbeddedChannel ch = new EmbeddedChannel(new TlsNegotiationHandler(attempt, ctx -> null));
        ch.pipeline().fireUserEventTriggered(SslHandshakeCompletionEvent.SUCCESS);
        assertEquals(Reason.WRONG_TUB, failureOf(attempt).reason());
        ch.finishAndReleaseAll();
    }

    @Test
    void aFailedHandshakeIsATlsFailure() {
        NegotiationAttempt attempt = connectingTo(EXPECTED);
        EmbeddedChannel ch = new EmbeddedChannel(new TlsNegotiationHandler(attempt, ctx -> EXPECTED.certificate()));
        ch.pipeline().fireUserEventTriggered(new SslHandshakeCompletionEvent(new SSLHandshakeException("bad")));
        assertEquals(Reason.TLS, failureOf(attempt).reason());
        assertNull(ch.readOutbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void aConnectionClosedDuringNegotiationIsLost() {
        NegotiationAttempt attempt = connectingTo(EXPECTED);
        EmbeddedChannel ch = new EmbeddedChannel(new TlsNegotiationHandler(attempt, ctx -> EXPECTED.certificate()));
        ch.close();
        assertEquals(Reason.CONNECTION_LOST, failureOf(attempt).reason());
        ch.finishAndReleaseAll();
    }
}
