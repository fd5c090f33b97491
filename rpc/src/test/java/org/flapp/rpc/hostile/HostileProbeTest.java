package org.flapp.rpc.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.flapp.rpc.TubOptions;
import org.flapp.rpc.internal.banana.Tokens;
import org.flapp.rpc.internal.banana.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile peers ({@link RawPeer}) against a live Java Tub: every limit of {@link TubOptions} is
 * hit over a real TLS connection, the peer gets a Violation error answer and keeps a usable
 * connection, and a Java bystander on another connection is served throughout.
 */
@Timeout(120)
class HostileProbeTest {
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * Connects, sends what {@code bytes} builds (given the service's clid), takes the {@code
     * expected} items that must come (each may take up to {@link #WAIT}: skipping the rest of a
     * refused message is slow on a loaded machine), then what comes until quiet or closed.
     */
    private static List<Item> probeWithBystander(HostileServer server, int expected,
            BiFunction<RawPeer, Long, Wire> bytes) throws Exception {
        HostileServer.Traffic traffic = server.startTraffic();
        List<Item> items = new ArrayList<>();
        try (RawPeer peer = RawPeer.connect(server.furl)) {
            long svc = peer.resolveTarget(WAIT);
            peer.send(bytes.apply(peer, svc));
            for (int i = 0; i < expected; i++) {
                items.add(peer.next(WAIT));
            }
            items.addAll(peer.drain(QUIET));
        }
        traffic.stopAndCheck();
        server.assertBystanderServed();
        return items;
    }

    /** The items are: an error answer to reqID 2, a Violation mentioning each fragment; then the rest. */
    private static void assertViolationThen(List<Item> items, List<String> fragments, String... rest) {
        Item error = items.get(0);
        assertTrue(error.isSequence("error") && error.reqId() == 2 && error.mentions("foolscap.tokens.Violation"),
                items.toString());
        for (String fragment : fragments) {
            assertTrue(error.mentions(fragment), "no '" + fragment + "' in " + error);
        }
        assertEquals(List.of(rest), items.subList(1, items.size()).stream().map(Item::render).toList());
    }

    @Test
    void refusesNestingDeeperThanMaxDepthWithoutOverflowingTheStack() throws Exception {
        try (HostileServer server = new HostileServer(TubOptions.defaults())) {
            List<Item> items = probeWithBystander(server, 2, (peer, svc) -> {
                Wire w = Wire.of();
                RawPeer.OpenCall call = peer.startCall(w, 2, svc, "echo", 1);
                long[] ids = new long[100_000];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = peer.open(w, "list");
                }
                for (int i = ids.length - 1; i >= 0; i--) {
                    w.close(ids[i]);
                }
                return call.finish(w).ping(7);
            });
            assertViolationThen(items, List.of("sequences nested deeper than maxDepth " + TubOptions.DEFAULT_MAX_DEPTH),
                    "PONG(7)", "<TIMEOUT>");
        }
    }

    @Test
    void refusesAStringDeclaring2To40BytesFromItsHeaderAlone() throws Exception {
        try (HostileServer server = new HostileServer(TubOptions.defaults())) {
            List<Item> items = probeWithBystander(server, 1, (peer, svc) -> {
                Wire w = Wire.of();
                peer.startCall(w, 2, svc, "echo", 1);
                return w.header(1L << 40, Tokens.STRING).str("only a few bytes follow");
            });
            // the answer comes although only a few body bytes were sent: nothing waited for or allocated
            assertViolationThen(items, List.of("message larger than maxMessageSize 16777216 bytes (at least 1099511627"),
                    "<TIMEOUT>");
        }
    }

    @Test
    void refusesAMessageOverMaxMessageSizeAndKeepsTheConnection() throws Exception {
        TubOptions options = TubOptions.builder().maxMessageSize(4 << 20).build();
        try (HostileServer server = new HostileServer(options)) {
            List<Item> items = probeWithBystander(server, 2, (peer, svc) -> {
                Wire w = Wire.of();
                RawPeer.OpenCall call = peer.startCall(w, 2, svc, "echo", 1);
                long list = peer.open(w, "list");
                byte[] mebibyte = new byte[1 << 20];
                for (int i = 0; i < 10; i++) {
                    w.bytes(mebibyte);
                }
                return call.finish(w.close(list)).ping(7);
            });
            assertViolationThen(items, List.of("message larger than maxMessageSize " + (4 << 20)), "PONG(7)", "<TIMEOUT>");
        }
    }

    @Test
    void stopsReadingCallsAtMaxPendingInboundCallsWhenTheHandlerNeverAnswers() throws Exception {
        int limit = 50;
        int sent = 20_000;
        TubOptions options = TubOptions.builder().maxPendingInboundCalls(limit).build();
        try (HostileServer server = new HostileServer(options);
             RawPeer flood = RawPeer.connect(server.furl)) {
            long svc = flood.resolveTarget(WAIT);
            Wire calls = Wire.of();
            for (int i = 0; i < sent; i++) {
                calls.raw(flood.call(2 + i, svc, "never", (long) i).bytes());
            }
            CompletableFuture<Void> writing = flood.sendInBackground(calls.bytes());
            HostileServer.Traffic traffic = server.startTraffic();
            int seen = waitUntilStable(server, 20_000);
            traffic.stopAndCheck();
            server.assertBystanderServed();
            // calls already decrypted when reading stopped still start: at most one read's worth more
            assertTrue(seen >= limit, "only " + seen + " calls reached the handler");
            assertTrue(seen <= limit + 2_500, seen + " of " + sent + " calls were read past the limit of " + limit);
            assertFalse(flood.isClosed(), "the server closed the flooding connection instead of pausing it");
            writing.cancel(true);
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
