package org.flapp.rpc.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flapp.rpc.RemoteReference;
import org.flapp.rpc.Tub;
import org.flapp.rpc.TubIdentity;
import org.flapp.rpc.TubOptions;
import org.flapp.rpc.internal.clock.ManualClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A thousand plain TCP connections against a live Tub with its default limits, idle or trickling
 * their request a byte at a time, from one source address or from fifty: a new client is still
 * served within seconds, the bystander's calls keep working, the JVM's open files stay bounded by
 * the caps, and the request timeout (on a manual clock, moved on by the test) closes the flood.
 */
@Timeout(180)
class ConnectionFloodTest {
    private static final int FLOOD = 1000;
    private static final TubOptions DEFAULTS = TubOptions.defaults();
    /** Sockets of the JVM beyond the flood's and the server's: the bystander, clients, listeners. */
    private static final int SLACK = 64;

    @BeforeAll
    static void enoughFileDescriptors() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                long soft = Long.parseLong(line.split("\\s+")[3]);
                assertTrue(soft >= 3 * FLOOD, "this test needs 'ulimit -n' of " + 3 * FLOOD + ", the JVM has " + soft);
            }
        }
    }

    /** A client that was not connected before: a fresh Tub, a FURL look-up and one call. */
    private static long newClientMillis(HostileServer server) throws Exception {
        long start = System.nanoTime();
        try (Tub client = new Tub(TubIdentity.generateEphemeral())) {
            RemoteReference ref = client.getReference(server.furl).get(10, TimeUnit.SECONDS);
            assertEquals("hi", ref.callRemote("echo", "hi").get(10, TimeUnit.SECONDS));
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    void aThousandIdleConnectionsFromOneAddressGetThePerAddressCapAndNoMore() throws Exception {
        ManualClock clock = new ManualClock();
        try (HostileServer server = new HostileServer(DEFAULTS, clock)) {
            HostileServer.Traffic traffic = server.startTraffic();
            long baseline = SocketFlood.openFileDescriptors();
            int cap = DEFAULTS.maxConnectionsPerAddress();
            try (SocketFlood flood = new SocketFlood(server.port, SocketFlood.loopbackSources(2, 1), FLOOD, null, null)) {
                Conditions.await(Duration.ofSeconds(60), () -> flood.closedByServer() + flood.failed() >= FLOOD - cap
                        && server.runtime.acceptedConnections() == 1 + cap,
                        () -> "closed " + flood.closedByServer() + ", accepted " + server.runtime.acceptedConnections());
                assertEquals(FLOOD - cap, flood.closedByServer() + flood.failed(), "all but the cap refused");
                assertEquals(0, flood.bytesReceived(), "refused without a word");
                // a closed socket's descriptor is released at its selector's next turn: wait for it
                long fds = awaitOpenFilesAtMost(baseline + 2 * cap + SLACK, baseline);

                long millis = newClientMillis(server);
                assertTrue(millis < 10_000, "a new client from another address took " + millis + " ms");
                System.out.printf("flood from one address: new client in %d ms, open files %d (before %d)%n",
                        millis, fds, baseline);
                server.assertBystanderServed();
                Conditions.await(Duration.ofSeconds(30), () -> server.runtime.acceptedConnections() == 1 + cap,
                        () -> "the new client's connection is still counted");

                clock.advance(DEFAULTS.requestTimeout());
                assertEquals(1, server.runtime.acceptedConnections(), "the idle ones are gone at the request timeout");
                Conditions.await(Duration.ofSeconds(30), () -> flood.open() == 0, () -> flood.open() + " still open");
            }
            awaitOpenFilesAtMost(baseline + SLACK, baseline);
            traffic.stopAndCheck();
        }
    }

    @Test
    void aThousandTricklingConnectionsFromFiftyAddressesLeaveRoomForANewClient() throws Exception {
        ManualClock clock = new ManualClock();
        try (HostileServer server = new HostileServer(DEFAULTS, clock)) {
            HostileServer.Traffic traffic = server.startTraffic();
            long baseline = SocketFlood.openFileDescriptors();
            List<java.net.InetAddress> sources = SocketFlood.loopbackSources(2, 50);
            try (SocketFlood flood = new SocketFlood(server.port, sources, FLOOD, HostileMessages.unfinishedRequest(server.tubId()), Duration.ofMillis(250))) {
                Conditions.await(Duration.ofSeconds(60), () -> server.runtime.acceptedConnections() == 1 + FLOOD,
                        () -> "accepted " + server.runtime.acceptedConnections() + ", connected " + flood.connected());
                long fds = awaitOpenFilesAtMost(baseline + 2 * FLOOD + SLACK, baseline);

                long millis = newClientMillis(server);
                assertTrue(millis < 10_000, "a new client took " + millis + " ms among 1000 trickling connections");
                System.out.printf("trickle from 50 addresses: new client in %d ms, open files %d (before %d)%n",
                        millis, fds, baseline);
                server.assertBystanderServed();
                Conditions.await(Duration.ofSeconds(30), () -> server.runtime.acceptedConnections() == 1 + FLOOD,
                        () -> "the new client's connection is still counted");

                clock.advance(DEFAULTS.requestTimeout().minusMillis(1));
                assertEquals(1 + FLOOD, server.runtime.acceptedConnections(), "none closed before the request timeout");
                clock.advance(Duration.ofMillis(1));
                assertEquals(1, server.runtime.acceptedConnections(), "every trickler closed at the request timeout");
                Conditions.await(Duration.ofSeconds(30), () -> flood.open() == 0, () -> flood.open() + " still open");
                assertEquals(0, flood.bytesReceived(), "closed without a reply: there was no complete request");
            }
            awaitOpenFilesAtMost(baseline + SLACK, baseline);
            traffic.stopAndCheck();
        }
    }

    /** Waits until the JVM has at most {@code limit} open files; returns the count then. */
    private static long awaitOpenFilesAtMost(long limit, long baseline) throws Exception {
        Conditions.await(Duration.ofSeconds(30), () -> openFiles() <= limit,
                () -> "open files " + openFiles() + ", more than " + limit + " (" + baseline + " before the flood)");
        return openFiles();
    }

    private static long openFiles() {
        try {
            return SocketFlood.openFileDescriptors();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
