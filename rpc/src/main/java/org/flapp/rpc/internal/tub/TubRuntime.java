package org.flapp.rpc.internal.tub;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.flapp.rpc.Completions;
import org.flapp.rpc.NameLookup;
import org.flapp.rpc.NegotiationException;
import org.flapp.rpc.NegotiationException.Reason;
import org.flapp.rpc.RemoteReference;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.TubIdentity;
import org.flapp.rpc.TubOptions;
import org.flapp.rpc.furl.Base32;
import org.flapp.rpc.furl.Furl;
import org.flapp.rpc.internal.call.Broker;
import org.flapp.rpc.internal.call.BrokerHost;
import org.flapp.rpc.internal.call.ReferenceObtained;
import org.flapp.rpc.internal.clock.ConnectionClock;
import org.flapp.rpc.internal.negotiation.Transport;

/**
 * Everything behind the public {@link org.flapp.rpc.Tub}: threads, listeners, the registry of
 * published names, and the connection table. Thread-safe.
 */
public final class TubRuntime implements BrokerHost {
    private final TubIdentity identity;
    private final TubOptions options;
    private final EventLoopGroup group;
    private final ExecutorService ownExecutor;
    private final Executor callExecutor;
    private final ConnectionTable connections;
    private final Admission admission;
    private final Map<String, Referenceable> registry = new ConcurrentHashMap<>();
    private final List<Channel> listeners = new CopyOnWriteArrayList<>();
    private final InheritedListener inherited;
    private volatile NameLookup nameLookup;
    private volatile List<String> location;
    private volatile boolean shutDown;

    public TubRuntime(TubIdentity identity, TubOptions options) {
        this(identity, options, ConnectionClock.system());
    }

    /** With the clock of every connection deadline (tests move a manual one on). */
    public TubRuntime(TubIdentity identity, TubOptions options, ConnectionClock clock) {
        this.identity = identity;
        this.options = options;
        int ioThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        this.group = Transport.newGroup(ioThreads, new DefaultThreadFactory("flapp-io", true));
        this.inherited = new InheritedListener(ioThreads, group);
        if (options.callExecutor() != null) {
            this.ownExecutor = null;
            this.callExecutor = options.callExecutor();
        } else {
            this.ownExecutor = Executors.newCachedThreadPool(new DefaultThreadFactory("flapp-call", true));
            this.callExecutor = ownExecutor;
        }
        this.connections = new ConnectionTable(identity, options, this, group, clock);
        this.admission = new Admission(connections, options, clock);
    }

    public TubIdentity identity() {
        return identity;
    }

    @Override
    public String tubId() {
        return identity.tubId();
    }

    @Override
    public TubOptions options() {
        return options;
    }

    @Override
    public Executor callExecutor() {
        return callExecutor;
    }

    // ---- listening and publishing --------------------------------------------------------------

    public int listenOn(String endpoint) {
        checkRunning();
        ListenEndpoint where = ListenEndpoint.parse(endpoint);
        InetSocketAddress address = where.host() == null
                ? new InetSocketAddress(where.port())
                : new InetSocketAddress(where.host(), where.port());
        Channel channel = new ServerBootstrap()
                .group(group)
                .channel(Transport.serverChannel(group))
                .childOption(ChannelOption.TCP_NODELAY, true) // small answers go out at once
                .childHandler(admission)
                .bind(address)
                .syncUninterruptibly()
                .channel();
        listeners.add(channel);
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Starts accepting on an inherited, already listening TCP socket; returns its port. */
    public int listenOnInherited(int fd) {
        checkRunning();
        Channel channel = inherited.listen(fd, admission);
        listeners.add(channel);
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public void setLocation(String hints) {
        List<String> parsed = Arrays.asList(hints.split(",", -1));
        if (parsed.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("no connection hint may be empty: '" + hints + "'");
        }
        this.location = List.copyOf(parsed);
    }

    public String register(Referenceable object, String name) {
        if (location == null) {
            throw new IllegalStateException("set the Tub's location before registering objects");
        }
        String key = name == null ? Base32.randomSwissnum() : name;
        registry.put(key, object);
        return furlFor(key).orElseThrow();
    }

    private boolean onNetworkThread() {
        for (io.netty.util.concurrent.EventExecutor loop : group) {
            if (loop.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    public void setNameLookup(NameLookup lookup) {
        this.nameLookup = lookup;
    }

    public void revoke(String name) {
        registry.remove(name);
        List<io.netty.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (Broker broker : connections.brokers()) {
            done.add(broker.revokeName(name));
        }
        // wait (unless on a network thread) until each event loop has dropped the references:
        // a revoke task and a call arriving on the socket are not otherwise ordered
        for (io.netty.util.concurrent.Future<?> f : done) {
            if (!f.isDone() && !onNetworkThread()) {
                f.awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public Referenceable resolveName(String name) throws Exception {
        Referenceable object = registry.get(name);
        if (object != null) {
            return object;
        }
        NameLookup lookup = nameLookup;
        return lookup == null ? null : lookup.lookup(name);
    }

    @Override
    public Optional<String> furlFor(String name) {
        List<String> hints = location;
        return hints == null ? Optional.empty()
                : Optional.of(Furl.of(identity.tubId(), hints, name).toString());
    }

    // ---- connecting ------------------------------------------------------------------------------

    @Override
    public CompletableFuture<RemoteReference> getReference(String furlText) {
        Furl furl;
        try {
            checkRunning();
            furl = Furl.parse(furlText);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return getReference(furl);
    }

    public CompletableFuture<RemoteReference> getReference(Furl furl) {
        try {
            checkRunning();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (furl.tubId().equals(identity.tubId())) {
            return CompletableFuture.failedFuture(new NegotiationException(Reason.NO_USABLE_HINT,
                    "the FURL names this Tub itself; a Tub does not connect to itself"));
        }
        CompletableFuture<RemoteReference> result = new CompletableFuture<>();
        connections.connectionTo(furl)
                .thenCompose(broker -> broker.getReferenceByName(furl.name()).thenApply(reference -> {
                    // a connection the peer opened is in use by us now: its grace time is over
                    broker.channel().pipeline().fireUserEventTriggered(ReferenceObtained.INSTANCE);
                    return reference;
                }))
                .whenComplete((reference, error) -> {
                    // connection failures complete on an event loop: hand them to the call executor
                    // so no caller's continuation ever runs on a network thread
                    if (error == null) {
                        result.complete(reference);
                    } else {
                        callExecutor.execute(() -> result.completeExceptionally(Completions.cause(error)));
                    }
                });
        return result;
    }

    @Override
    public void brokerClosed(Broker broker) {
        connections.brokerClosed(broker);
    }

    // ---- diagnostics (tests assert that what a peer can grow stays bounded) --------------------

    /** Entries in the connection table's maps keyed by peer TubID. */
    public int peerEntries() {
        return connections.peerEntries();
    }

    /** Accepted connections open now, in any phase. */
    public int acceptedConnections() {
        return admission.open();
    }

    // ---- shutting down --------------------------------------------------------------------------

    public CompletableFuture<Void> shutdown() {
        shutDown = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        for (Channel listener : listeners) {
            listener.close();
        }
        connections.closeAll();
        group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).addListener(f -> {
            if (ownExecutor != null) {
                ownExecutor.shutdown();
            }
            io.netty.util.concurrent.Future<?> inheritedDone = inherited.shutdown();
            if (inheritedDone == null) {
                done.complete(null);
            } else {
                inheritedDone.addListener(g -> done.complete(null));
            }
        });
        return done;
    }

    private void checkRunning() {
        if (shutDown) {
            throw new IllegalStateException("this Tub has been shut down");
        }
    }
}
