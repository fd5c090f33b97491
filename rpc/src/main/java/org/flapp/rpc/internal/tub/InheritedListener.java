package org.flapp.rpc.internal.tub;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;

/**
 * Listening on a socket this process inherited already bound and listening (systemd's socket
 * activation passes it as a file descriptor). The JDK cannot make a channel of an arbitrary file
 * descriptor, Netty's epoll transport can; its channels need epoll event loops, so the listener and
 * the connections it accepts get a group of their own, made on first use. Outgoing connections keep
 * the Tub's own group. Thread-safe.
 */
final class InheritedListener {
    private final int ioThreads;
    private EventLoopGroup group;

    InheritedListener(int ioThreads) {
        this.ioThreads = ioThreads;
    }

    /**
     * Starts accepting on {@code fd}; returns the listening channel.
     *
     * @throws IllegalStateException when the epoll transport cannot run here (not Linux, no native code)
     */
    synchronized Channel listen(int fd, ChannelHandler childHandler) {
        if (!Epoll.isAvailable()) {
            throw new IllegalStateException("cannot use an inherited socket: the epoll transport is unavailable ("
                    + Epoll.unavailabilityCause() + ")");
        }
        if (group == null) {
            group = new EpollEventLoopGroup(ioThreads, new DefaultThreadFactory("flapp-io-inherited", true));
        }
        EpollServerSocketChannel server = new EpollServerSocketChannel(fd);
        if (!(server.localAddress() instanceof InetSocketAddress)) {
            server.unsafe().closeForcibly();
            throw new IllegalArgumentException("inherited file descriptor " + fd + " is not a bound TCP socket");
        }
        return new ServerBootstrap()
                .group(group)
                .channelFactory(() -> server)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(childHandler)
                .register() // already bound and listening: registering starts the accepting
                .syncUninterruptibly()
                .channel();
    }

    /** Ends the group's threads, if any were started. */
    synchronized Future<?> shutdown() {
        return group == null ? null : group.shutdownGracefully(0, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
