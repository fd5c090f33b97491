package org.flapp.app.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Samples a {@link ServerProcess} every {@value #PERIOD_MILLIS} ms while an attack runs: its
 * largest resident memory and open-file count, the most unread bytes in the receive queue of one
 * of its sockets (how much it left unread: the sign that it stopped reading a peer), and every
 * outbound TCP socket seen (there must be none).
 */
final class ServerWatch implements AutoCloseable {
    private static final long PERIOD_MILLIS = 50;

    /** What the samples showed. */
    record Report(long samples, long maxRssKiB, int maxOpenFiles, long maxUnreadBytes,
            List<ServerProcess.TcpSocket> outbound, List<Throwable> failures) {
        long maxRssMiB() {
            return maxRssKiB >> 10;
        }
    }

    private final ServerProcess server;
    private final Thread thread;
    private final List<ServerProcess.TcpSocket> outbound = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;
    private volatile long samples;
    private volatile long maxRssKiB;
    private volatile int maxOpenFiles;
    private volatile long maxUnreadBytes;

    ServerWatch(ServerProcess server) {
        this.server = server;
        this.thread = new Thread(this::run, "server-watch");
        thread.setDaemon(true);
        sample(); // at least one sample, taken before the attack starts
        thread.start();
    }

    private void run() {
        while (!stopping) {
            try {
                sample();
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | AssertionError e) {
                failures.add(e);
                return;
            }
        }
    }

    private void sample() {
        maxRssKiB = Math.max(maxRssKiB, server.rssKiB());
        maxOpenFiles = Math.max(maxOpenFiles, server.openFiles());
        for (ServerProcess.TcpSocket s : server.sockets()) {
            maxUnreadBytes = Math.max(maxUnreadBytes, s.listening() ? 0 : s.receiveQueue());
            if (!s.listening() && s.localPort() != server.port && !outbound.contains(s)) {
                outbound.add(s);
            }
        }
        samples++;
    }

    /** Stops sampling (after one last sample) and says what was seen. */
    Report stop() throws InterruptedException {
        stopping = true;
        thread.join(10_000);
        if (failures.isEmpty()) {
            sample();
        }
        return new Report(samples, maxRssKiB, maxOpenFiles, maxUnreadBytes, new ArrayList<>(outbound),
                new ArrayList<>(failures));
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join(10_000);
    }
}
