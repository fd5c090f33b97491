package org.flapp.rpc.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.flapp.rpc.TubOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile peers the shared miniclient cannot play (hostile_probe.py, built on it) against a live
 * Java Tub: every limit of {@link TubOptions} is hit over a real TLS connection, the peer gets a
 * Violation error answer and keeps a usable connection, and a Java bystander on another
 * connection is served throughout.
 */
@Timeout(120)
class HostileProbeTest {
    @TempDir
    Path dir;

    private Probe.Result probeWithBystander(HostileServer server, String... args) throws Exception {
        HostileServer.Traffic traffic = server.startTraffic();
        Probe.Result result;
        try (Probe.Running probe = Probe.own(args)) {
            result = probe.finish(60);
        }
        traffic.stopAndCheck();
        server.assertBystanderServed();
        return result;
    }

    private static void assertPrinted(Probe.Result result, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(result.printed(fragment), "no '" + fragment + "' in\n" + result.text());
        }
    }

    @Test
    void refusesNestingDeeperThanMaxDepthWithoutOverflowingTheStack() throws Exception {
        try (HostileServer server = new HostileServer(TubOptions.defaults())) {
            Probe.Result result = probeWithBystander(server,
                    "deep", server.furl, Probe.clientPem(dir).toString(), "100000");
            assertPrinted(result, "<- error reqID=2", "foolscap.tokens.Violation",
                    "sequences nested deeper than maxDepth " + TubOptions.DEFAULT_MAX_DEPTH, "<- PONG(7)", "end: quiet");
        }
    }

    @Test
    void refusesAStringDeclaring2To40BytesFromItsHeaderAlone() throws Exception {
        try (HostileServer server = new HostileServer(TubOptions.defaults())) {
            Probe.Result result = probeWithBystander(server,
                    "huge-string", server.furl, Probe.clientPem(dir).toString());
            // the answer comes although only a few body bytes were sent: nothing waited for or allocated
            assertPrinted(result, "<- error reqID=2", "foolscap.tokens.Violation",
                    "message larger than maxMessageSize 16777216 bytes (at least 1099511627", "end: quiet");
        }
    }

    @Test
    void refusesAMessageOverMaxMessageSizeAndKeepsTheConnection() throws Exception {
        TubOptions options = TubOptions.builder().maxMessageSize(4 << 20).build();
        try (HostileServer server = new HostileServer(options)) {
            Probe.Result result = probeWithBystander(server,
                    "big-message", server.furl, Probe.clientPem(dir).toString(), "10");
            assertPrinted(result, "<- error reqID=2", "foolscap.tokens.Violation",
                    "message larger than maxMessageSize " + (4 << 20), "<- PONG(7)", "end: quiet");
        }
    }

    @Test
    void stopsReadingCallsAtMaxPendingInboundCallsWhenTheHandlerNeverAnswers() throws Exception {
        int limit = 50;
        int sent = 20_000;
        TubOptions options = TubOptions.builder().maxPendingInboundCalls(limit).build();
        try (HostileServer server = new HostileServer(options);
             Probe.Running flood = Probe.own("flood", server.furl, Probe.clientPem(dir).toString(),
                     String.valueOf(sent))) {
            HostileServer.Traffic traffic = server.startTraffic();
            int seen = waitUntilStable(server, 20_000);
            traffic.stopAndCheck();
            server.assertBystanderServed();
            // calls already decrypted when reading stopped still start: at most one read's worth more
            assertTrue(seen >= limit, "only " + seen + " calls reached the handler");
            assertTrue(seen <= limit + 2_500, seen + " of " + sent + " calls were read past the limit of " + limit);
            flood.closeStdin();
            assertEquals(0, flood.finish(30).exitCode());
        }
    }

    /** Waits until the count of calls to {@code never} stops changing for a second; returns it. */
    private static int waitUntilStable(HostileServer server, long maxMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + maxMillis;
        int last = -1;
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(1000);
            int now = server.neverCalls.get();
            if (now == last && now > 0) {
                return now;
            }
            last = now;
        }
        return server.neverCalls.get();
    }
}
