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
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flapp.rpc.internal.negotiation.Transport;

/**
 * The loopback round-trip limit beside {@link CallThroughput}'s sequential figure (a plain main,
 * not a test): one byte sent, one byte echoed, the next byte sent when the echo arrives, over
 * plain TCP through Netty on the transport the Tubs use (epoll or NIO), no TLS, no Banana. Client
 * and server run on separate event-loop groups, as two Tubs do. Warms up for 2 s, then prints
 *
 * <pre>
 * netty-epoll pingpong 23456 (70368 round trips in 3.00 s)
 * </pre>
 *
 * <p>Usage: {@code PingPong [SECONDS]}.
 */
public final class PingPong {
    private PingPong() {}

    public static void main(String[] argv) throws Exception {
        double seconds = argv.length > 0 ? Double.parseDouble(argv[0]) : 5;
        EventLoopGroup serverGroup = Transport.newGroup(1, new DefaultThreadFactory("pp-server", true));
        EventLoopGroup clientGroup = Transport.newGroup(1, new DefaultThreadFactory("pp-client", true));
        try {
            Channel listener = new ServerBootstrap().group(serverGroup)
                    .channel(Transport.serverChannel(serverGroup))
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public boolean isSharable() {
                            return true; // one echo handler for the warm-up and the timed connection
                        }

                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ctx.writeAndFlush(msg); // echo whatever arrived, as it is
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            int port = ((InetSocketAddress) listener.localAddress()).getPort();
            Counter warm = new Counter(System.nanoTime() + 2_000_000_000L);
            Channel client = connect(clientGroup, port, warm);
            warm.done.get(30, TimeUnit.SECONDS);
            client.close().sync();
            Counter timed = new Counter(System.nanoTime() + (long) (seconds * 1e9));
            connect(clientGroup, port, timed).closeFuture();
            long nanos = timed.done.get(60, TimeUnit.SECONDS);
            double secs = nanos / 1e9;
            System.out.printf(Locale.ROOT, "netty-%s pingpong %.0f (%d round trips in %.2f s)%n",
                    Transport.name(), timed.trips / secs, timed.trips, secs);
            listener.close().sync();
        } finally {
            clientGroup.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS);
            serverGroup.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS);
        }
    }

    private static Channel connect(EventLoopGroup group, int port, Counter counter) throws InterruptedException {
        return new Bootstrap().group(group).channel(Transport.socketChannel(group))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(counter);
                    }
                })
                .connect(new InetSocketAddress("127.0.0.1", port)).sync().channel();
    }

    /** Sends one byte on connect and again on every echo, until its deadline. */
    private static final class Counter extends ChannelInboundHandlerAdapter {
        final CompletableFuture<Long> done = new CompletableFuture<>();
        final long deadline;
        final long start = System.nanoTime();
        long trips;

        Counter(long deadline) {
            this.deadline = deadline;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ping(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ((ByteBuf) msg).release();
            trips++;
            long now = System.nanoTime();
            if (now >= deadline) {
                done.complete(now - start);
                ctx.close();
            } else {
                ping(ctx);
            }
        }

        private static void ping(ChannelHandlerContext ctx) {
            ByteBuf one = ctx.alloc().buffer(1).writeByte('p');
            ctx.writeAndFlush(one);
        }
    }
}
