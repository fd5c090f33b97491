package org.flapp.rpc.internal.tub;

import io.netty.channel.Channel;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The caps on accepted connections, as sshd's MaxStartups and PerSourceMaxStartups but counting
 * every phase: at most {@code maxConnections} open at once, and at most {@code maxPerSource} from
 * one source (an IPv4 address; an IPv6 /64, the smallest network one holder usually gets). A
 * connection over either cap is closed as soon as it is accepted, before a byte of it is read, and
 * reported to the {@link RefusalLog}. A connection counts until its channel has closed.
 * Thread-safe: every event loop admits connections.
 */
final class ConnectionGate {
    /** Why a connection was refused. */
    enum Refusal { TOO_MANY_CONNECTIONS, TOO_MANY_FROM_SOURCE }

    private final int maxConnections;
    private final int maxPerSource;
    private final RefusalLog refusals;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, Integer> bySource = new ConcurrentHashMap<>();

    ConnectionGate(int maxConnections, int maxPerSource, RefusalLog refusals) {
        this.maxConnections = maxConnections;
        this.maxPerSource = maxPerSource;
        this.refusals = refusals;
    }

    /** Counts {@code ch} in and returns true, or closes it and returns false. */
    boolean admit(Channel ch) {
        String source = sourceOf(ch.remoteAddress());
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            refuse(ch, Refusal.TOO_MANY_CONNECTIONS, source);
            return false;
        }
        boolean[] admitted = {false};
        bySource.compute(source, (key, count) -> {
            int n = count == null ? 0 : count;
            if (n >= maxPerSource) {
                return count;
            }
            admitted[0] = true;
            return n + 1;
        });
        if (!admitted[0]) {
            open.decrementAndGet();
            refuse(ch, Refusal.TOO_MANY_FROM_SOURCE, source);
            return false;
        }
        ch.closeFuture().addListener(f -> {
            open.decrementAndGet();
            bySource.computeIfPresent(source, (key, count) -> count <= 1 ? null : count - 1);
        });
        return true;
    }

    private void refuse(Channel ch, Refusal why, String source) {
        ch.close();
        refusals.refused(ch.eventLoop(), why, source);
    }

    /** Connections counted in now. */
    int open() {
        return open.get();
    }

    /** Sources with a connection counted in now. */
    int sources() {
        return bySource.size();
    }

    /** The key a connection is counted under: the IPv4 address, or the IPv6 address's /64. */
    static String sourceOf(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            InetAddress address = inet.getAddress();
            if (address instanceof Inet6Address) {
                byte[] bytes = address.getAddress();
                return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
            }
            return address.getHostAddress();
        }
        return String.valueOf(remote);
    }
}
