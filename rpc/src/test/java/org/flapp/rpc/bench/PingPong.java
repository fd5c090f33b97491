package org.flapp.rpc.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flapp.rpc.TubIdentity;
import org.flapp.rpc.internal.negotiation.BenchTls;
import org.flapp.rpc.internal.negotiation.Transport;

/**
 * The loopback round-trip limits beside {@link CallThroughput}'s sequential figure (a plain main,
 * not a test): one byte sent, one byte echoed, the next byte sent when the echo arrives, through
 * Netty on the transport the Tubs use (epoll or NIO), no Banana. Client and server run on
 * separate event-loop groups, as two Tubs do. Four shapes:
 *
 * <ul>
 *   <li>{@code loop}: the client's event loop sends the next byte itself (two threads take turns);
 *   <li>{@code caller}: a caller thread sends and blocks on a future that the client's event loop
 *       completes, the shape of a sequential {@code callRemote(...).get()} (three threads: caller,
 *       client loop, server loop);
 *   <li>{@code loop-tls}, {@code caller-tls}: the same inside TLS, with the Tubs' own engine and
 *       settings.
 * </ul>
 *
 * Each warms up for 2 s, then prints
 *
 * <pre>
 * netty-epoll pingpong-caller 23456 (117280 round trips in 5.00 s; per call cpu 40.1 us, sleeps ...)
 * </pre>
 *
 * <p>Usage: {@code PingPong [SECONDS] [SHAPE...]} (default: all four).
 */
public final class PingPong {
    private PingPong() {}

    public static void main(String[] argv) throws Exception {
        double seconds = argv.length > 0 ? Double.parseDouble(argv[0]) : 5;
        List<String> shapes = new ArrayList<>();
        for (int i = 1; i < argv.length; i++) {
            shapes.add(argv[i]);
        }
        if (shapes.isEmpty()) {
            shapes.addAll(List.of("loop", "caller", "loop-tls", "caller-tls"));
        }
        EventLoopGroup serverGroup = Transport.newGroup(1, new DefaultThreadFactory("pp-server", true));
        EventLoopGroup clientGroup = Transport.newGroup(1, new DefaultThreadFactory("pp-client", true));
        TubIdentity identity = TubIdentity.generateEphemeral();
        try {
            for (String shape : shapes) {
                boolean tls = shape.endsWith("-tls");
                boolean caller = shape.startsWith("caller");
                if (!shape.equals((caller ? "caller" : "loop") + (tls ? "-tls" : ""))) {
                    throw new IllegalArgumentException("unknown shape " + shape);
                }
                Channel listener = listen(serverGroup, tls ? identity : null);
                int port = ((InetSocketAddress) listener.localAddress()).getPort();
                run(clientGroup, port, tls ? identity : null, caller, 2);
                ThreadCounters before = ThreadCounters.now();
                long[] result = run(clientGroup, port, tls ? identity : null, caller, seconds);
                String perCall = ThreadCounters.now().perCall(before, result[0]);
                double secs = result[1] / 1e9;
                System.out.printf(Locale.ROOT, "netty-%s pingpong-%s %.0f (%d round trips in %.2f s; per call %s)%n",
                        Transport.name(), shape, result[0] / secs, result[0], secs, perCall);
                listener.close().sync();
            }
        } finally {
            clientGroup.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS);
            serverGroup.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS);
        }
    }

    /** An echo server; TLS with {@code identity} unless it is null. */
    private static Channel listen(EventLoopGroup group, TubIdentity identity) throws InterruptedException {
        return new ServerBootstrap().group(group)
                .channel(Transport.serverChannel(group))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (identity != null) {
                            ch.pipeline().addLast(BenchTls.serverHandler(identity));
                        }
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ctx.writeAndFlush(msg); // echo whatever arrived, as it is
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    /** One connection's round trips for {@code seconds}: {count, nanoseconds}. */
    private static long[] run(EventLoopGroup group, int port, TubIdentity identity, boolean caller, double seconds)
            throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        Counter counter = new Counter(caller ? Long.MIN_VALUE : deadline);
        Channel channel = new Bootstrap().group(group).channel(Transport.socketChannel(group))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (identity != null) {
                            ch.pipeline().addLast(BenchTls.clientHandler(identity));
                        }
                        ch.pipeline().addLast(counter);
                    }
                })
                .connect(new InetSocketAddress("127.0.0.1", port)).sync().channel();
        if (identity != null) {
            channel.pipeline().get(SslHandler.class).handshakeFuture().sync();
        }
        long start = System.nanoTime();
        long[] result;
        if (caller) {
            long trips = 0;
            long now;
            do {
                CompletableFuture<Void> echoed = new CompletableFuture<>();
                counter.echoed = echoed;
                channel.writeAndFlush(channel.alloc().buffer(1).writeByte('p'));
                echoed.get(30, TimeUnit.SECONDS);
                trips++;
                now = System.nanoTime();
            } while (now < deadline);
            result = new long[] {trips, now - start};
        } else {
            channel.eventLoop().execute(() -> Counter.ping(channel));
            long end = counter.done.get(60, TimeUnit.SECONDS);
            result = new long[] {counter.trips, end - start};
        }
        channel.close().sync();
        return result;
    }

    /**
     * The client's end: counts echoes; completes the caller's future ({@code caller} shapes), or
     * sends the next byte itself until its deadline.
     */
    private static final class Counter extends ChannelInboundHandlerAdapter {
        final CompletableFuture<Long> done = new CompletableFuture<>();
        final long deadline;
        volatile CompletableFuture<Void> echoed;
        long trips;

        Counter(long deadline) {
            this.deadline = deadline;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ((ByteBuf) msg).release();
            if (deadline == Long.MIN_VALUE) {
                echoed.complete(null);
                return;
            }
            trips++;
            long now = System.nanoTime();
            if (now >= deadline) {
                done.complete(now);
            } else {
                ping(ctx.channel());
            }
        }

        static void ping(Channel channel) {
            channel.writeAndFlush(channel.alloc().buffer(1).writeByte('p'));
        }
    }
}
