package org.flapp.rpc.internal.negotiation;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.ThreadFactory;

/**
 * The socket layer under every connection: Netty's native epoll transport where its library loads
 * (Linux on x86-64 and ARM64: fewer system calls and no selector wake-up pipe per event loop),
 * else Java's NIO. The system property {@code flapp.transport=nio} forces NIO, to compare the two
 * or to step around a native library that misbehaves. The channel classes follow the event-loop
 * group, so one group never mixes transports.
 */
public final class Transport {
    /** Whether new event-loop groups use epoll: asked once, as loading the library is not free. */
    private static final boolean EPOLL = !"nio".equals(System.getProperty("flapp.transport"))
            && Epoll.isAvailable();

    private Transport() {
    }

    /** A group of {@code threads} event loops of the best transport here. */
    public static EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
        return EPOLL ? new EpollEventLoopGroup(threads, threadFactory)
                : new NioEventLoopGroup(threads, threadFactory);
    }

    /** The class of outgoing connections for channels of {@code group}. */
    public static Class<? extends SocketChannel> socketChannel(EventLoopGroup group) {
        return group instanceof EpollEventLoopGroup ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** The class of listening sockets for channels of {@code group}. */
    public static Class<? extends ServerSocketChannel> serverChannel(EventLoopGroup group) {
        return group instanceof EpollEventLoopGroup ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** The transport's name, for start-up logs and benchmarks: "epoll" or "nio". */
    public static String name() {
        return EPOLL ? "epoll" : "nio";
    }
}
