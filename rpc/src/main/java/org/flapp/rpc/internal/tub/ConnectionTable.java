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
import org.flapp.rpc.NegotiationException;
import org.flapp.rpc.TubIdentity;
import org.flapp.rpc.TubOptions;
import org.flapp.rpc.furl.Furl;
import org.flapp.rpc.furl.TcpHint;
import org.flapp.rpc.internal.banana.VocabTable;
import org.flapp.rpc.internal.call.Broker;
import org.flapp.rpc.internal.call.BrokerHost;
import org.flapp.rpc.internal.call.Keepalive;
import org.flapp.rpc.internal.call.TlsCloseHandler;
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
 */
public final class ConnectionTable implements NegotiationHost {
    private static final Logger log = LoggerFactory.getLogger(ConnectionTable.class);

    private final TubIdentity identity;
    private final TubOptions options;
    private final BrokerHost brokerHost;
    private final EventLoopGroup group;
    private final String incarnation;
    private final Map<String, Broker> brokers = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Broker>> connecting = new ConcurrentHashMap<>();
    private final Map<String, String> lastConnection = new ConcurrentHashMap<>();
    private final Map<String, String> decisionFor = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> seqnums = new ConcurrentHashMap<>();

    public ConnectionTable(TubIdentity identity, TubOptions options, BrokerHost brokerHost,
                           EventLoopGroup group) {
        this.identity = identity;
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
    public String incarnation() {
        return incarnation;
    }

    @Override
    public String lastConnectionTo(String peerTubId) {
        return lastConnection.getOrDefault(peerTubId, "none 0");
    }

    @Override
    public void recordCurrentConnection(String peerTubId, String currentConnection) {
        lastConnection.put(peerTubId, currentConnection);
        decisionFor.put(peerTubId, currentConnection);
    }

    @Override
    public long nextSeqnum(String peerTubId) {
        long seqnum = seqnums.computeIfAbsent(peerTubId, id -> new AtomicLong()).incrementAndGet();
        decisionFor.put(peerTubId, incarnation + " " + seqnum);
        return seqnum;
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
        broker.setCurrentConnection(decisionFor.remove(connection.peerTubId()));
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
                .addLast("keepalive", new Keepalive(options.keepaliveInterval()))
                .addLast("flush", new FlushConsolidationHandler(256, true))
                .addLast("banana", new BananaDecoder(limits, table, broker.references()))
                .addLast("broker", broker);
        return true;
    }

    /** Called by a broker whose channel closed. */
    public void brokerClosed(Broker broker) {
        brokers.remove(broker.peerTubId(), broker);
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
        List<TcpHint> hints = furl.tcpHints();
        CompletableFuture<Broker> result = new CompletableFuture<>();
        if (hints.isEmpty()) {
            result.completeExceptionally(new NegotiationException(
                    "no usable connection hints in the FURL (it names " + furl.hints() + ")"));
            return result;
        }
        List<String> failures = new ArrayList<>();
        int[] remaining = {hints.size()};
        for (TcpHint hint : hints) {
            Negotiation.connect(group, hint.host(), hint.port(), furl.tubId(), this, options.connectTimeout())
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
                                failures.add("tcp:" + hint.host() + ":" + hint.port() + ": "
                                        + messageOf(error));
                            }
                            if (--remaining[0] == 0 && !result.isDone()) {
                                result.completeExceptionally(failureOf(furl, failures, error));
                            }
                        }
                    });
        }
        return result;
    }

    private static Throwable failureOf(Furl furl, List<String> failures, Throwable last) {
        Throwable cause = unwrap(last);
        if (failures.size() == 1 && cause instanceof NegotiationException) {
            return cause;
        }
        return new NegotiationException("could not connect to Tub " + furl.tubId() + ": "
                + String.join("; ", failures), cause);
    }

    private static String messageOf(Throwable error) {
        Throwable cause = unwrap(error);
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }

    private static Throwable unwrap(Throwable error) {
        while (error instanceof java.util.concurrent.CompletionException && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
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
