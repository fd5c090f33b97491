package org.flapp.rpc.internal.negotiation;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.flapp.rpc.TubIdentity;
import org.flapp.rpc.internal.clock.ConnectionClock;

/**
 * A minimal Tub stand-in: keeps Foolscap's connection tables and records every connectionReady.
 * An optional factory installs one handler at the end of each negotiated pipeline.
 */
final class TestHost implements NegotiationHost {
    record Ready(Channel channel, NegotiatedConnection connection) {}

    final TubIdentity identity;
    final String incarnation;
    final BlockingQueue<Ready> ready = new LinkedBlockingQueue<>();
    final Map<String, String> slaveTable = new ConcurrentHashMap<>();
    final Map<String, Long> masterTable = new ConcurrentHashMap<>();
    final Map<String, ExistingConnection> live = new ConcurrentHashMap<>();
    final Map<String, Channel> liveChannels = new ConcurrentHashMap<>();
    final List<String> dropped = new CopyOnWriteArrayList<>();
    volatile Function<NegotiatedConnection, ChannelHandler> handlerFactory = c -> null;
    volatile boolean accept = true;
    /** When set, lastConnectionTo answers this instead of the slave table. */
    volatile String forcedLastConnection;
    /** The clock of the negotiation deadlines. */
    volatile ConnectionClock clock = ConnectionClock.system();

    TestHost(TubIdentity identity) {
        this(identity, HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
    }

    TestHost(TubIdentity identity, String incarnation) {
        this.identity = identity;
        this.incarnation = incarnation;
    }

    @Override
    public TubIdentity identity() {
        return identity;
    }

    @Override
    public ConnectionClock clock() {
        return clock;
    }

    @Override
    public String incarnation() {
        return incarnation;
    }

    @Override
    public String lastConnectionTo(String peerTubId) {
        String forced = forcedLastConnection;
        return forced != null ? forced : slaveTable.getOrDefault(peerTubId, "none 0");
    }

    @Override
    public long nextSeqnum(String peerTubId) {
        return masterTable.merge(peerTubId, 1L, Long::sum);
    }

    @Override
    public ExistingConnection existingConnection(String peerTubId) {
        return live.get(peerTubId);
    }

    @Override
    public void dropConnection(String peerTubId) {
        dropped.add(peerTubId);
        live.remove(peerTubId);
        Channel old = liveChannels.remove(peerTubId);
        if (old != null) {
            old.close();
        }
    }

    @Override
    public boolean connectionReady(Channel channel, NegotiatedConnection connection) {
        ready.add(new Ready(channel, connection));
        if (!connection.weAreMaster() && connection.currentConnection() != null) {
            slaveTable.put(connection.peerTubId(), connection.currentConnection());
        }
        if (!accept) {
            return false;
        }
        live.put(connection.peerTubId(), new ExistingConnection(connection.peerIncarnation(), connection.currentConnection()));
        liveChannels.put(connection.peerTubId(), channel);
        ChannelHandler handler = handlerFactory.apply(connection);
        if (handler != null) {
            channel.pipeline().addLast(handler);
        }
        return true;
    }
}
