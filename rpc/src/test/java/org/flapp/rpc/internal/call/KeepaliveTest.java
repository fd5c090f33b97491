package org.flapp.rpc.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import org.flapp.rpc.internal.clock.ManualClock;
import org.junit.jupiter.api.Test;

class KeepaliveTest {
    private static final Duration INTERVAL = Duration.ofSeconds(240);

    private final ManualClock clock = new ManualClock();
    private final EmbeddedChannel channel = new EmbeddedChannel(new Keepalive(INTERVAL, clock));

    private String written() {
        ByteBuf out = channel.readOutbound();
        if (out == null) {
            return null;
        }
        try {
            return ByteBufUtil.hexDump(out);
        } finally {
            out.release();
        }
    }

    private void receive() {
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {1}));
        ByteBuf passedOn = channel.readInbound();
        passedOn.release();
    }

    @Test
    void sendsAPingNumberedZeroAfterAnIntervalWithNothingReceived() {
        clock.advance(INTERVAL.minusSeconds(1));
        assertNull(written());
        clock.advance(Duration.ofSeconds(1));
        assertEquals("8e", written());
        assertNull(written());
    }

    @Test
    void pingsAgainAfterEachFurtherIntervalOfSilence() {
        clock.advance(INTERVAL);
        assertEquals("8e", written());
        clock.advance(INTERVAL.minusSeconds(1));
        assertNull(written());
        clock.advance(Duration.ofSeconds(1));
        assertEquals("8e", written());
    }

    @Test
    void anythingReceivedPutsTheNextPingAFullIntervalLater() {
        clock.advance(Duration.ofSeconds(200));
        receive();
        clock.advance(Duration.ofSeconds(200));
        assertNull(written(), "only 200 s since the last read");
        clock.advance(Duration.ofSeconds(40));
        assertEquals("8e", written());
    }

    @Test
    void stopsItsTimerWhenTheChannelCloses() {
        channel.close();
        assertEquals(0, clock.pending());
        clock.advance(INTERVAL.multipliedBy(3));
        assertNull(written());
    }
}
