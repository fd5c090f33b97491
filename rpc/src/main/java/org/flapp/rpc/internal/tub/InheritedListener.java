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
import io.netty.channel.unix.Socket;
import java.io.IOException;

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
     * @throws IllegalArgumentException when {@code fd} is not a listening TCP socket (it is left open)
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
        checkListeningTcp(fd);
        EpollServerSocketChannel server = new EpollServerSocketChannel(fd);
        return new ServerBootstrap()
                .group(group)
                .channelFactory(() -> server)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(childHandler)
                .register() // already bound and listening: registering starts the accepting
                .syncUninterruptibly()
                .channel();
    }

    // getsockopt(2) names of Linux (this class runs only where epoll does)
    private static final int SOL_SOCKET = 1;
    private static final int SO_TYPE = 3;
    private static final int SO_ACCEPTCONN = 30;
    private static final int SO_DOMAIN = 39;
    private static final int SOCK_STREAM = 1;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;

    /** Refuses (leaving it open) a descriptor that is not a listening TCP socket: epoll would take any. */
    private static void checkListeningTcp(int fd) {
        Socket socket;
        try {
            socket = new Socket(fd); // asks the descriptor for its address family
        } catch (io.netty.channel.ChannelException e) {
            throw new IllegalArgumentException("inherited file descriptor " + fd + " is not a socket: " + e.getMessage(), e);
        }
        try {
            int domain = socket.getIntOpt(SOL_SOCKET, SO_DOMAIN);
            if (domain != AF_INET && domain != AF_INET6 || socket.getIntOpt(SOL_SOCKET, SO_TYPE) != SOCK_STREAM) {
                throw new IllegalArgumentException("inherited file descriptor " + fd + " is not a TCP socket");
            }
            if (socket.getIntOpt(SOL_SOCKET, SO_ACCEPTCONN) == 0) {
                throw new IllegalArgumentException("inherited TCP socket " + fd + " is not listening");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("inherited file descriptor " + fd + " is not a socket: " + e.getMessage(), e);
        }
    }

    /** Ends the group's threads, if any were started. */
    synchronized Future<?> shutdown() {
        return group == null ? null : group.shutdownGracefully(0, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
