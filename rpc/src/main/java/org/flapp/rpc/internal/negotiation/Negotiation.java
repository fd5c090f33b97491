package org.flapp.rpc.internal.negotiation;

import io.netty.bootstrap.Bootstrap;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.flapp.rpc.Completions;
import org.flapp.rpc.NegotiationException;
import org.flapp.rpc.NegotiationException.Reason;

/**
 * Entry points of Foolscap connection negotiation: the plaintext {@code GET /id/} exchange, TLS
 * with both certificates, hellos and the master's decision (docs/protocol.md, "Negotiation").
 *
 * <p>Accepting side: {@link #accept} from the child handler of a {@code ServerBootstrap}.
 * Connecting side: {@link #connect}. In both cases a negotiated channel is handed to
 * {@link NegotiationHost#connectionReady}, whose handlers then own it; the negotiation handlers
 * have removed themselves, and only the TLS handler (named {@value #TLS_HANDLER}) stays in front.
 * Every deadline runs on {@link NegotiationHost#clock()}.
 *
 * <pre>{@code
 * Negotiation.connect(group, "127.0.0.1", 41010, furl.tubId(), host, Duration.ofSeconds(120))
 *     .thenAccept(channel -> log.info("connected to {}", channel.remoteAddress()));
 * }</pre>
 */
public final class Negotiation {
    /** Pipeline name of the TLS handler, which stays for the life of the connection. */
    public static final String TLS_HANDLER = "flapp-tls";
    /** Pipeline name of the plaintext-phase handler (replaced by the TLS handler). */
    public static final String PLAINTEXT_HANDLER = "flapp-plaintext";
    /** Pipeline name of the TLS-phase negotiation handler (removed when done). */
    public static final String NEGOTIATION_HANDLER = "flapp-negotiation";

    private Negotiation() {}

    /**
     * Starts negotiating on an accepted channel (its handlers go at the end of the pipeline). The
     * request block must be complete within {@code requestTimeout} (TubOptions.requestTimeout),
     * and the whole negotiation within {@code negotiationTimeout}; otherwise the connection is
     * closed silently, as Foolscap does at its timeout.
     */
    public static void accept(Channel ch, NegotiationHost host, Duration requestTimeout, Duration negotiationTimeout) {
        Objects.requireNonNull(host, "host");
        checkTimeout(requestTimeout);
        checkTimeout(negotiationTimeout);
        NegotiationAttempt attempt = NegotiationAttempt.accepting(host);
        attempt.start(ch, negotiationTimeout);
        ch.pipeline().addLast(PLAINTEXT_HANDLER, new ServerPlaintextHandler(attempt, requestTimeout));
    }

    /**
     * Client side: after TCP connect to hint (hintHost, port), negotiate expecting
     * {@code expectedTubId}. The future completes with the channel after
     * {@link NegotiationHost#connectionReady} accepted it, or fails with a
     * {@link NegotiationException} (refused by the peer, wrong TubID, timeout, connection
     * refused...). It completes on the channel's event loop: dependent stages must not block.
     * Cancelling the future abandons the attempt and closes its connection. {@code group} must
     * be an NIO event loop group. A host name is resolved off the event loop.
     *
     * @param timeout limit for the whole attempt: name lookup, TCP connect and negotiation
     */
    public static CompletableFuture<Channel> connect(EventLoopGroup group, String hintHost, int port,
            String expectedTubId, NegotiationHost host, Duration timeout) {
        return connect(group, hintHost, port, null, expectedTubId, host, timeout);
    }

    /**
     * {@link #connect(EventLoopGroup, String, int, String, NegotiationHost, Duration)} through
     * the SOCKS5 proxy {@code socksProxy} (a Tor SOCKS port) when it is not null: the proxy is
     * given the host name as it is (an onion address cannot be resolved here, and resolving
     * other names locally would tell the network whom we reach).
     */
    public static CompletableFuture<Channel> connect(EventLoopGroup group, String hintHost, int port,
            InetSocketAddress socksProxy, String expectedTubId, NegotiationHost host, Duration timeout) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(hintHost, "hintHost");
        Objects.requireNonNull(expectedTubId, "expectedTubId");
        Objects.requireNonNull(host, "host");
        checkTimeout(timeout);
        long startNanos = System.nanoTime();
        // the TLS context is first needed after the plaintext phase: build it meanwhile
        TlsContexts.prepareAsync(host.identity());
        NegotiationAttempt attempt = NegotiationAttempt.connecting(host, hintHost, port, expectedTubId);
        CompletableFuture<Channel> result = attempt.result();
        String where = hintHost + ":" + port;
        CompletableFuture<InetSocketAddress> destination = socksProxy == null ? resolve(hintHost, port, timeout)
                : CompletableFuture.completedFuture(InetSocketAddress.createUnresolved(hintHost, port));
        destination.whenComplete((address, error) -> {
            if (error != null) {
                Throwable cause = Completions.cause(error);
                boolean timedOut = cause instanceof TimeoutException;
                String why = timedOut ? "name lookup timed out" : cause.toString();
                result.completeExceptionally(new NegotiationException(
                        timedOut ? Reason.TIMED_OUT : Reason.NAME_LOOKUP, "negotiation with " + where + " failed: cannot resolve " + hintHost + ": " + why, cause));
                return;
            }
            if (result.isDone()) {
                return; // cancelled meanwhile
            }
            Duration remaining = timeout.minusNanos(System.nanoTime() - startNanos);
            if (remaining.isNegative() || remaining.isZero()) {
                remaining = Duration.ofMillis(1);
            }
            startConnect(group, address, socksProxy, attempt, remaining);
        });
        return result;
    }

    private static void startConnect(EventLoopGroup group, InetSocketAddress address, InetSocketAddress socksProxy,
            NegotiationAttempt attempt, Duration remaining) {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(Transport.socketChannel(group))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, Math.max(1, remaining.toMillis())))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        attempt.start(ch, remaining);
                        if (socksProxy != null) {
                            SocksRoute.install(ch, socksProxy, attempt, remaining);
                        }
                        ch.pipeline().addLast(PLAINTEXT_HANDLER, new ClientPlaintextHandler(attempt));
                    }
                });
        if (socksProxy != null) {
            bootstrap.resolver(NoopAddressResolverGroup.INSTANCE);  // the proxy resolves the name
        }
        ChannelFuture connected = bootstrap.connect(address);
        attempt.attach(connected.channel());
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                // Netty's own connect deadline is the attempt's remaining time
                Reason reason = f.cause() instanceof ConnectTimeoutException ? Reason.TIMED_OUT
                        : socksProxy == null ? Reason.CONNECT : Reason.PROXY;
                attempt.failed(reason, (socksProxy == null ? "cannot connect: " : SocksRoute.cannotReachProxy(socksProxy))
                        + f.cause().getMessage(), f.cause());
            }
        });
        if (attempt.result().isDone()) {
            connected.channel().close(); // cancelled while the channel was being created
        }
    }

    private static CompletableFuture<InetSocketAddress> resolve(String hintHost, int port, Duration timeout) {
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(hintHost);
        if (literal != null) {
            try {
                return CompletableFuture.completedFuture(new InetSocketAddress(InetAddress.getByAddress(hintHost, literal), port));
            } catch (UnknownHostException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        // InetAddress.getByName blocks: never on an event loop
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new InetSocketAddress(InetAddress.getByName(hintHost), port);
            } catch (UnknownHostException e) {
                throw new CompletionException(e);
            }
        }).orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static void checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }
}
