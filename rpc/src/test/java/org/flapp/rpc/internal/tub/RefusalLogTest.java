package org.flapp.rpc.internal.tub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flapp.rpc.TubOptions;
import org.flapp.rpc.internal.clock.ManualClock;
import org.flapp.rpc.internal.tub.ConnectionGate.Refusal;
import org.junit.jupiter.api.Test;

class RefusalLogTest {
    private final ManualClock clock = new ManualClock();
    private final List<String> lines = new ArrayList<>();
    private final TubOptions options = TubOptions.builder().maxConnections(2048).maxConnectionsPerAddress(64)
            .refusalLogInterval(Duration.ofSeconds(60)).build();
    private final RefusalLog log = new RefusalLog(clock, options, lines::add);
    private final EmbeddedChannel loop = new EmbeddedChannel();

    @Test
    void logsTheFirstRefusalAtOnceAndThenOneSummaryPerInterval() {
        for (int i = 0; i < 1000; i++) {
            log.refused(loop.eventLoop(), Refusal.TOO_MANY_FROM_SOURCE, "127.0.0.2");
        }
        log.refused(loop.eventLoop(), Refusal.TOO_MANY_CONNECTIONS, "127.0.0.3");
        assertEquals(List.of("refused a connection from 127.0.0.2: over maxConnectionsPerAddress (64);"
                + " further refusals are summarised every 60 s"), lines);

        clock.advance(Duration.ofSeconds(59));
        assertEquals(1, lines.size(), "nothing more within the interval");
        clock.advance(Duration.ofSeconds(1));
        assertEquals("refused 1000 more connection(s) in the last 60 s: 1 over maxConnections (2048),"
                + " 999 over maxConnectionsPerAddress (64); most from 127.0.0.2 (999), 127.0.0.3 (1)", lines.get(1));

        clock.advance(Duration.ofSeconds(60));
        assertEquals(2, lines.size(), "a quiet interval logs nothing and ends the summaries");
        assertEquals(0, clock.pending());
        log.refused(loop.eventLoop(), Refusal.TOO_MANY_CONNECTIONS, "127.0.0.9");
        assertEquals(3, lines.size(), "the next refusal is logged at once again");
    }

    @Test
    void namesAtMostAFewSourcesAndCountsTheRest() {
        log.refused(loop.eventLoop(), Refusal.TOO_MANY_CONNECTIONS, "first");
        for (int i = 0; i < 5000; i++) {
            log.refused(loop.eventLoop(), Refusal.TOO_MANY_CONNECTIONS, "10.0." + (i / 250) + "." + (i % 250));
        }
        clock.advance(Duration.ofSeconds(60));
        assertEquals(2, lines.size());
        assertEquals(true, lines.get(1).startsWith("refused 5000 more connection(s) in the last 60 s: 5000 over"
                + " maxConnections (2048); most from "), lines.get(1));
        assertEquals(true, lines.get(1).endsWith(" and others"), lines.get(1));
    }
}
