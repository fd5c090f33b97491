package org.flapp.rpc.internal.tub;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.flapp.rpc.Completions;
import org.flapp.rpc.NegotiationException;
import org.flapp.rpc.NegotiationException.Reason;
import org.flapp.rpc.TubIdentity;
import org.flapp.rpc.TubOptions;
import org.flapp.rpc.furl.Furl;
import org.flapp.rpc.internal.banana.VocabTable;
import org.flapp.rpc.internal.call.Broker;
import org.flapp.rpc.internal.call.BrokerHost;
import org.flapp.rpc.internal.call.Keepalive;
import org.flapp.rpc.internal.call.TlsCloseHandler;
import org.flapp.rpc.internal.clock.ConnectionClock;
import org.flapp.rpc.internal.negotiation.ExistingConnection;
import org.flapp.rpc.internal.negotiation.Negotiation;
import org.flapp.rpc.internal.negotiation.NegotiatedConnection;
import org.flapp.rpc.internal.negotiation.NegotiationHost;
import org.flapp.rpc.internal.banana.BananaDecoder;
import org.flapp.rpc.internal.banana.CodecLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Tub's live connections, one per peer TubID, and the bookkeeping negotiation needs about
 * them (incarnation, connection sequence numbers, duplicate detection). When negotiation
 * finishes it installs the PB handlers on the channel. Thread-safe: called from every event loop.
 *
 * <p>Nothing is kept per peer beyond its live connection, except, for a peer we dialed as the
 * non-master, the decision's {@code current-connection} value of the last connection (Foolscap's
 * slave table, sent back in our next hello so that the peer replaces its stale connection). A peer
 * that dials us with identity after identity therefore leaves nothing behind, and the retained
 * values (peers our own program chose to dial) are capped at {@value #MAX_RETAINED_PEERS}.
 */
public final class ConnectionTable implements NegotiationHost {
    private static final Logger log = LoggerFactory.getLogger(ConnectionTable.class);
    static final int MAX_RETAINED_PEERS = 1024;

    private final TubIdentity identity;
    private final TubOptions options;
    private final BrokerHost brokerHost;
    private final EventLoopGroup group;
    private final String incarnation;
    private final Map<String, Broker> brokers = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Broker>> connecting = new ConcurrentHashMap<>();
    /** Foolscap's slave table, for peers whose connection (dialed by us) has closed. */
    private final Map<String, String> lastConnection = new ConcurrentHashMap<>();
    /** Decision seqnums: one counter for all peers, so none is kept per peer. */
    private final AtomicLong seqnum = new AtomicLong();
    private final ConnectionClock clock;

    public ConnectionTable(TubIdentity identity, TubOptions options, BrokerHost brokerHost,
                           EventLoopGroup group, ConnectionClock clock) {
        this.identity = identity;
        this.clock = clock;
        this.options = options;
        this.brokerHost = brokerHost;
        this.group = group;
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        this.incarnation = HexFormat.of().formatHex(random);
    }

    // ---- NegotiationHost ---------------------------------------------------------------------

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
        Broker live = brokers.get(peerTubId);
        if (live != null && !live.connection().weAreMaster() && !live.currentConnection().isEmpty()) {
            return live.currentConnection(); // still closing: it is the one the peer knows
        }
        return lastConnection.getOrDefault(peerTubId, "none 0");
    }

    @Override
    public long nextSeqnum(String peerTubId) {
        return seqnum.incrementAndGet();
    }

    @Override
    public ExistingConnection existingConnection(String peerTubId) {
        Broker broker = brokers.get(peerTubId);
        if (broker == null || !broker.isOpen()) {
            return null;
        }
        return new ExistingConnection(broker.connection().peerIncarnation(), broker.currentConnection());
    }

    @Override
    public void dropConnection(String peerTubId) {
        Broker old = brokers.remove(peerTubId);
        if (old != null) {
            log.info("dropping the old connection to {}: it was replaced", peerTubId);
            old.close();
        }
    }

    @Override
    public boolean connectionReady(Channel channel, NegotiatedConnection connection) {
        Broker broker = new Broker(brokerHost, channel, connection);
        broker.setCurrentConnection(connection.currentConnection());
        Broker existing = brokers.putIfAbsent(connection.peerTubId(), broker);
        if (existing != null && existing.isOpen()) {
            // we raced ourselves (several hints, or both sides dialing): keep the first one
            log.debug("refusing a second connection to {}", connection.peerTubId());
            return false;
        }
        if (existing != null) {
            brokers.put(connection.peerTubId(), broker);
        }
        CodecLimits limits = CodecLimits.from(options);
        VocabTable table = VocabTable.forIndex(connection.vocabTableIndex()).orElseThrow();
        channel.pipeline()
                .addLast("tls-close", new TlsCloseHandler())
                .addLast("keepalive", new Keepalive(options.keepaliveInterval(), clock))
                .addLast("flush", new FlushConsolidationHandler(256, true))
                .addLast("banana", new BananaDecoder(limits, table, broker.references()));
        if (!connection.weConnected()) {
            channel.pipeline().addLast(IdleTimer.NAME,
                    new IdleTimer(clock, options.idleTimeout(), broker::hasUnfinishedCalls));
        }
        channel.pipeline().addLast("broker", broker);
        return true;
    }

    /**
     * Called by a broker whose channel closed: forgets it, and keeps the peer's decision value
     * only if we dialed it as the non-master (see the class comment).
     */
    public void brokerClosed(Broker broker) {
        String peer = broker.peerTubId();
        brokers.remove(peer, broker);
        NegotiatedConnection connection = broker.connection();
        if (connection.weConnected() && !connection.weAreMaster() && !broker.currentConnection().isEmpty()) {
            if (lastConnection.size() >= MAX_RETAINED_PEERS && !lastConnection.containsKey(peer)) {
                lastConnection.keySet().stream().findAny().ifPresent(lastConnection::remove);
            }
            lastConnection.put(peer, broker.currentConnection());
        } else {
            lastConnection.remove(peer);
        }
    }

    /** Entries kept in the tables keyed by peer TubID (for tests: they must stay bounded). */
    int peerEntries() {
        return brokers.size() + connecting.size() + lastConnection.size();
    }

    // ---- outbound ----------------------------------------------------------------------------

    /**
     * The live connection to the Tub {@code furl} names, or a new one: every usable hint is tried
     * at once, the first to finish negotiation wins.
     */
    public CompletableFuture<Broker> connectionTo(Furl furl) {
        String tubId = furl.tubId();
        Broker live = brokers.get(tubId);
        if (live != null && live.isOpen()) {
            return CompletableFuture.completedFuture(live);
        }
        CompletableFuture<Broker> attempt = connecting.computeIfAbsent(tubId, id -> dial(furl));
        attempt.whenComplete((b, e) -> connecting.remove(tubId, attempt));
        return attempt;
    }

    private CompletableFuture<Broker> dial(Furl furl) {
        List<HintRoutes.Route> hints = HintRoutes.of(furl, options.torSocksProxy());
        CompletableFuture<Broker> result = new CompletableFuture<>();
        if (hints.isEmpty()) {
            result.completeExceptionally(new NegotiationException(Reason.NO_USABLE_HINT,
                    HintRoutes.whyNone(furl, options.torSocksProxy())));
            return result;
        }
        List<String> failures = new ArrayList<>();
        Reason[] furthest = {Reason.NO_USABLE_HINT};
        int[] remaining = {hints.size()};
        for (HintRoutes.Route hint : hints) {
            Negotiation.connect(group, hint.host(), hint.port(), hint.socksProxy(), furl.tubId(), this,
                    options.connectTimeout())
                    .whenComplete((channel, error) -> {
                        synchronized (failures) {
                            if (error == null) {
                                Broker broker = channel.pipeline().get(Broker.class);
                                if (broker == null || !result.complete(broker)) {
                                    if (broker == null || broker != brokers.get(furl.tubId())) {
                                        channel.close();
                                    }
                                }
                            } else {
                                failures.add(hint.hint() + ": " + messageOf(error));
                                furthest[0] = Reason.furthest(furthest[0], reasonOf(error));
                            }
                            if (--remaining[0] == 0 && !result.isDone()) {
                                result.completeExceptionally(failureOf(furl, failures, furthest[0], error));
                            }
                        }
                    });
        }
        return result;
    }

    /** One hint's failure as it is, several as one naming each, with the reason that got furthest. */
    private static Throwable failureOf(Furl furl, List<String> failures, Reason reason, Throwable last) {
        Throwable cause = Completions.cause(last);
        if (failures.size() == 1 && cause instanceof NegotiationException) {
            return cause;
        }
        return new NegotiationException(reason, "could not connect to Tub " + furl.tubId() + ": "
                + String.join("; ", failures), cause);
    }

    private static Reason reasonOf(Throwable error) {
        return Completions.cause(error) instanceof NegotiationException e ? e.reason() : Reason.CONNECT;
    }

    private static String messageOf(Throwable error) {
        Throwable cause = Completions.cause(error);
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }

    /** Every live connection. */
    public List<Broker> brokers() {
        return List.copyOf(brokers.values());
    }

    /** Closes every connection. */
    public void closeAll() {
        for (Broker broker : brokers.values()) {
            broker.close();
        }
    }
}
