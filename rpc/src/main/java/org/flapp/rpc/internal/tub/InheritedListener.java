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
 * descriptor, Netty's epoll transport can; its channels need epoll event loops: the Tub's own when
 * it runs on epoll ({@code Transport}), else a group of their own for the listener and the
 * connections it accepts, made on first use (outgoing connections keep the Tub's group).
 * Thread-safe.
 */
final class InheritedListener {
    private final int ioThreads;
    private final EventLoopGroup tubGroup;
    private EventLoopGroup group;
    private boolean ownGroup;

    InheritedListener(int ioThreads, EventLoopGroup tubGroup) {
        this.ioThreads = ioThreads;
        this.tubGroup = tubGroup;
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
        if (group == null && tubGroup instanceof EpollEventLoopGroup) {
            group = tubGroup;
        } else if (group == null) {
            group = new EpollEventLoopGroup(ioThreads, new DefaultThreadFactory("flapp-io-inherited", true));
            ownGroup = true;
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

    /** Ends the threads of the group of its own, if it made one (the Tub ends its own group). */
    synchronized Future<?> shutdown() {
        return !ownGroup ? null : group.shutdownGracefully(0, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
