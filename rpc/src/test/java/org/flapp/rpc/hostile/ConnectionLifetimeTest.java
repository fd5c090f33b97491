package org.flapp.rpc.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flapp.rpc.TubIdentity;
import org.flapp.rpc.TubOptions;
import org.flapp.rpc.furl.Furl;
import org.flapp.rpc.internal.clock.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Negotiated hostile connections against a live Tub with its default limits, on a manual clock:
 * connections that never obtain a reference are closed at the grace time, idle ones at the idle
 * timeout (keepalive PINGs and their PONGs do not count as use, a call in progress does), and a
 * churn of fresh TubIDs, including a master that sends a decision value of almost 4 KB, leaves
 * nothing behind in the tables keyed by TubID. A bystander keeps calling throughout.
 */
@Timeout(180)
class ConnectionLifetimeTest {
    private static final TubOptions DEFAULTS = TubOptions.defaults();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void connectionsWithoutAReferenceAreClosedAtTheGraceTime() throws Exception {
        ManualClock clock = new ManualClock();
        try (HostileServer server = new HostileServer(DEFAULTS, clock)) {
            HostileServer.Traffic traffic = server.startTraffic();
            List<RawPeer> idle = new ArrayList<>();
            List<RawPeer> wrongSwissnum = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                idle.add(RawPeer.connect(server.furl)); // knows the TubID, asks for nothing
                RawPeer guesser = RawPeer.connect(server.furl);
                guesser.send(guesser.getReferenceCall(1, "a-guessed-swissnum"));
                assertTrue(guesser.next(WAIT).isSequence("error"), "the guess fails");
                wrongSwissnum.add(guesser);
            }
            RawPeer holder = RawPeer.connect(server.furl);
            holder.resolveTarget(WAIT);
            assertEquals(8, server.runtime.acceptedConnections());

            clock.advance(DEFAULTS.graceTime().minusMillis(1));
            assertEquals(8, server.runtime.acceptedConnections(), "nothing closed before the grace time");
            clock.advance(Duration.ofMillis(1));
            assertEquals(2, server.runtime.acceptedConnections(), "the bystander and the holder remain");
            for (RawPeer peer : concat(idle, wrongSwissnum)) {
                assertTrue(peer.awaitClosed(WAIT), "closed at the grace time");
                peer.close();
            }
            assertFalse(holder.isClosed(), "a connection that obtained a reference stays");
            holder.close();
            traffic.stopAndCheck();
            server.assertBystanderServed();
        }
    }

    @Test
    void idleConnectionsAreClosedAtTheIdleTimeoutUnlessACallIsInProgress() throws Exception {
        ManualClock clock = new ManualClock();
        try (HostileServer server = new HostileServer(DEFAULTS, clock)) {
            RawPeer idle = RawPeer.connect(server.furl);
            idle.resolveTarget(WAIT);
            RawPeer waiting = RawPeer.connect(server.furl);
            long clid = waiting.resolveTarget(WAIT);
            waiting.send(waiting.call(2, clid, "never", "x")); // its answer never comes
            Conditions.await(WAIT, () -> server.neverCalls.get() == 1, () -> "the call did not arrive");

            // the clock moves in steps, each followed by a bystander call: the bystander is in use
            // on the server's clock, and the keepalive PINGs both idle peers (which answer PONG)
            Duration step = DEFAULTS.idleTimeout().dividedBy(10);
            for (int i = 0; i < 9; i++) {
                clock.advance(step);
                server.assertBystanderServed();
            }
            assertEquals(3, server.runtime.acceptedConnections(), "nothing closed before the idle timeout");
            clock.advance(step);
            assertTrue(idle.awaitClosed(WAIT), "the idle connection is closed at the idle timeout");
            for (int i = 0; i < 20; i++) {
                clock.advance(step);
                server.assertBystanderServed();
            }
            assertFalse(waiting.isClosed(), "a call in progress is not idleness");
            assertEquals(2, server.runtime.acceptedConnections());
            idle.close();
            waiting.close();
        }
    }

    @Test
    void aChurnOfFreshTubIdsLeavesNothingBehindPerPeer() throws Exception {
        try (HostileServer server = new HostileServer(DEFAULTS, new ManualClock())) {
            HostileServer.Traffic traffic = server.startTraffic();
            int baseline = server.runtime.peerEntries();
            int most = baseline;
            for (int i = 0; i < 30; i++) {
                try (RawPeer peer = RawPeer.connect(server.furl)) {
                    peer.resolveTarget(WAIT);
                    most = Math.max(most, server.runtime.peerEntries());
                }
            }
            for (int i = 0; i < 10; i++) {
                try (RawPeer peer = masterWithLongDecision(server)) {
                    Conditions.await(WAIT, () -> server.runtime.peerEntries() == baseline + 1,
                            () -> "the long decision was not taken: " + peer.receivedText());
                }
            }
            Conditions.await(WAIT, () -> server.runtime.peerEntries() == baseline
                    && server.runtime.acceptedConnections() == 1,
                    () -> server.runtime.peerEntries() + " entries for " + server.runtime.acceptedConnections()
                            + " connection(s), " + baseline + " before the churn");
            assertTrue(most <= baseline + 2, "at most the live connection (and one closing) counted: " + most);
            traffic.stopAndCheck();
        }
    }

    /**
     * A fresh identity larger than the server's (so it is the master) whose decision carries a
     * current-connection value of almost 4 KB: the largest thing a peer can make us keep per TubID.
     */
    private static RawPeer masterWithLongDecision(HostileServer server) throws Exception {
        TubIdentity identity = TubIdentity.generateEphemeral();
        while (identity.tubId().compareTo(server.tubId()) < 0) {
            identity = TubIdentity.generateEphemeral();
        }
        RawPeer peer = RawPeer.tls(Furl.parse(server.furl), identity);
        String incarnation = "0123456789abcdef";
        peer.send(RawNegotiation.block(Map.of("banana-negotiation-range", "3 3",
                "initial-vocab-table-range", "0 1", "last-connection", "none 0",
                "my-incarnation", incarnation, "my-tub-id", identity.tubId())));
        peer.send(RawNegotiation.block(Map.of("banana-decision-version", "3",
                "current-connection", incarnation + " " + "9".repeat(3900),
                "initial-vocab-table-index", RawNegotiation.VOCAB_TABLE_INDEX)));
        return peer;
    }

    private static List<RawPeer> concat(List<RawPeer> a, List<RawPeer> b) {
        List<RawPeer> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
