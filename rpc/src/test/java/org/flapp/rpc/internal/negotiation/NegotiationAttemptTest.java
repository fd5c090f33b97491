package org.flapp.rpc.internal.negotiation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.flapp.rpc.NegotiationException;
import org.flapp.rpc.TubIdentity;
import org.flapp.rpc.internal.clock.ManualClock;
import org.junit.jupiter.api.Test;

class NegotiationAttemptTest {
    private final ManualClock clock = new ManualClock();
    private final TestHost host = new TestHost(TubIdentity.generateEphemeral());

    NegotiationAttemptTest() {
        host.clock = clock;
    }

    @Test
    void connectingAttemptFailsAndClosesAtItsTimeout() {
        NegotiationAttempt attempt = NegotiationAttempt.connecting(host, "127.0.0.1", 41010,
                "fwhjwcytzdzbijbpnca627vyrj6tdppr");
        EmbeddedChannel ch = new EmbeddedChannel();
        attempt.start(ch, Duration.ofSeconds(120));
        clock.advance(Duration.ofSeconds(119));
        assertFalse(attempt.result().isDone());
        clock.advance(Duration.ofSeconds(1));
        ExecutionException e = assertThrows(ExecutionException.class, () -> attempt.result().get());
        assertTrue(e.getCause() instanceof NegotiationException);
        assertEquals("negotiation with 127.0.0.1:41010 failed: negotiation timed out after 120000 ms",
                e.getCause().getMessage());
        assertFalse(ch.isOpen());
    }

    @Test
    void acceptedAttemptIsClosedSilentlyAtItsTimeout() {
        EmbeddedChannel ch = new EmbeddedChannel();
        NegotiationAttempt.accepting(host).start(ch, Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(5));
        assertFalse(ch.isOpen());
        assertNull(ch.readOutbound(), "closed without a word");
    }

    @Test
    void finishedAttemptCancelsItsDeadline() {
        NegotiationAttempt attempt = NegotiationAttempt.accepting(host);
        EmbeddedChannel ch = new EmbeddedChannel();
        attempt.start(ch, Duration.ofSeconds(5));
        attempt.succeeded(ch);
        assertEquals(0, clock.pending());
        clock.advance(Duration.ofSeconds(10));
        assertTrue(ch.isOpen());
        ch.finishAndReleaseAll();
    }
}
