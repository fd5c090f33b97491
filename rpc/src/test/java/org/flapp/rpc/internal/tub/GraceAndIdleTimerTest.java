package org.flapp.rpc.internal.tub;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flapp.rpc.internal.call.ReferenceObtained;
import org.flapp.rpc.internal.clock.ManualClock;
import org.flapp.rpc.internal.message.AnswerMessage;
import org.junit.jupiter.api.Test;

class GraceAndIdleTimerTest {
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final Duration IDLE = Duration.ofSeconds(800);
    private final ManualClock clock = new ManualClock();

    @Test
    void closesAConnectionWithoutAReferenceAtTheGraceTime() {
        EmbeddedChannel ch = new EmbeddedChannel(new GraceTimer(clock, GRACE));
        clock.advance(GRACE.minusMillis(1));
        assertTrue(ch.isOpen());
        clock.advance(Duration.ofMillis(1));
        assertFalse(ch.isOpen());
    }

    @Test
    void aReferenceObtainedEndsTheGraceTime() {
        EmbeddedChannel ch = new EmbeddedChannel(new GraceTimer(clock, GRACE));
        clock.advance(Duration.ofSeconds(5));
        ch.pipeline().fireUserEventTriggered(ReferenceObtained.INSTANCE);
        assertNull(ch.pipeline().get(GraceTimer.class), "the timer removed itself");
        clock.advance(GRACE.multipliedBy(10));
        assertTrue(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    private EmbeddedChannel idle(AtomicBoolean busy) {
        return new EmbeddedChannel(new IdleTimer(clock, IDLE, busy::get));
    }

    @Test
    void closesAfterTheIdleTimeoutWithoutMessages() {
        EmbeddedChannel ch = idle(new AtomicBoolean());
        clock.advance(IDLE.minusMillis(1));
        assertTrue(ch.isOpen());
        clock.advance(Duration.ofMillis(1));
        assertFalse(ch.isOpen());
    }

    @Test
    void eachMessageRestartsTheIdleTime() {
        EmbeddedChannel ch = idle(new AtomicBoolean());
        for (int i = 0; i < 5; i++) {
            clock.advance(IDLE.minusSeconds(1));
            ch.writeInbound(new AnswerMessage(1, null));
            ch.readInbound();
        }
        assertTrue(ch.isOpen());
        clock.advance(IDLE);
        assertFalse(ch.isOpen());
    }

    @Test
    void aCallInProgressKeepsTheConnectionAndTheIdleTimeStartsWhenItEnds() {
        AtomicBoolean busy = new AtomicBoolean(true);
        EmbeddedChannel ch = idle(busy);
        clock.advance(IDLE.multipliedBy(5));
        assertTrue(ch.isOpen(), "a long call is not idleness");
        busy.set(false); // the call ended somewhere within the last eighth of the timeout
        clock.advance(IDLE.dividedBy(8)); // the timer finds it finished: the idle time starts now
        clock.advance(IDLE.minusMillis(1));
        assertTrue(ch.isOpen(), "never closed earlier than the timeout after the call ended");
        clock.advance(Duration.ofMillis(1));
        assertFalse(ch.isOpen());
    }
}
