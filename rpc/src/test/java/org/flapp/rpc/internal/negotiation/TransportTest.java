package org.flapp.rpc.internal.negotiation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TransportTest {
    @Test
    void theNativeLibraryShipsForLinuxOnTheArchitecturesWePackage() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (os.contains("linux") && (arch.equals("amd64") || arch.equals("aarch64"))) {
            assertTrue(Epoll.isAvailable(), () -> "epoll should load here: " + Epoll.unavailabilityCause());
            if (System.getProperty("flapp.transport") == null) {
                assertEquals("epoll", Transport.name());
            }
        }
    }

    @Test
    void channelClassesFollowTheGroup() {
        EventLoopGroup group = Transport.newGroup(1, new DefaultThreadFactory("transport-test", true));
        try {
            boolean epoll = Transport.name().equals("epoll");
            assertEquals(epoll ? EpollSocketChannel.class : NioSocketChannel.class, Transport.socketChannel(group));
            assertEquals(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class, Transport.serverChannel(group));
        } finally {
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        EventLoopGroup nio = new NioEventLoopGroup(1);
        try {
            assertEquals(NioSocketChannel.class, Transport.socketChannel(nio));
            assertEquals(NioServerSocketChannel.class, Transport.serverChannel(nio));
        } finally {
            nio.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }
}
