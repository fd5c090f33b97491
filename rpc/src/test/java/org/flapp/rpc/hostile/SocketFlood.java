package org.flapp.rpc.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Many plain TCP connections to one port, on one thread with one selector (the test's own cost
 * stays a thread and a socket per connection): each is opened from a chosen local address
 * (127.0.0.0/8 is all loopback, so sources 127.0.0.2, 127.0.0.3, ... look like different hosts),
 * then stays idle or trickles {@code trickle} one byte per period; a connection the server closes
 * is closed here too. Counts connections open, closed by the server, and bytes received.
 */
public final class SocketFlood implements AutoCloseable {
    private final Selector selector;
    private final List<SocketChannel> channels = new ArrayList<>();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger closedByServer = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger bytesReceived = new AtomicInteger();
    private final Thread thread;
    private volatile boolean stopping;

    /**
     * Opens {@code count} connections to 127.0.0.1:{@code port}, spread evenly over {@code sources};
     * with a non-null {@code trickle} each sends its next byte every {@code period}.
     */
    public SocketFlood(int port, List<InetAddress> sources, int count, byte[] trickle, Duration period) throws IOException {
        selector = Selector.open();
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        for (int i = 0; i < count; i++) {
            SocketChannel ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.bind(new InetSocketAddress(sources.get(i % sources.size()), 0));
            if (ch.connect(server)) {
                connected.incrementAndGet();
                ch.register(selector, SelectionKey.OP_READ, new int[1]);
            } else {
                ch.register(selector, SelectionKey.OP_CONNECT, new int[1]);
            }
            channels.add(ch);
        }
        thread = new Thread(() -> run(trickle, period), "socket-flood");
        thread.setDaemon(true);
        thread.start();
    }

    /** The addresses 127.0.0.{first} .. 127.0.0.{first + n - 1}. */
    public static List<InetAddress> loopbackSources(int first, int n) {
        List<InetAddress> sources = new ArrayList<>();
        for (int i = first; i < first + n; i++) {
            try {
                sources.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i}));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }

    private void run(byte[] trickle, Duration period) {
        ByteBuffer in = ByteBuffer.allocate(4096);
        long nextTrickle = System.nanoTime();
        try {
            while (!stopping) {
                selector.select(20);
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel ch = (SocketChannel) key.channel();
                    try {
                        if (key.isConnectable()) {
                            ch.finishConnect();
                            connected.incrementAndGet();
                            key.interestOps(SelectionKey.OP_READ);
                        } else if (key.isReadable()) {
                            in.clear();
                            int n = ch.read(in);
                            if (n < 0) {
                                closedByServer.incrementAndGet();
                                ch.close();
                            } else {
                                bytesReceived.addAndGet(n);
                            }
                        }
                    } catch (IOException e) { // refused or reset: the server closed it all the same
                        (key.isValid() && key.isConnectable() ? failed : closedByServer).incrementAndGet();
                        closeQuietly(ch);
                    }
                }
                selector.selectedKeys().clear();
                if (trickle != null && System.nanoTime() - nextTrickle >= 0) {
                    nextTrickle += period.toNanos();
                    sendNextBytes(trickle);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!stopping) {
                throw new IllegalStateException("flood selector failed", e);
            }
        }
    }

    private void sendNextBytes(byte[] trickle) {
        for (SelectionKey key : selector.keys()) {
            SocketChannel ch = (SocketChannel) key.channel();
            int[] sent = (int[]) key.attachment();
            if (ch.isOpen() && ch.isConnected() && sent[0] < trickle.length) {
                try {
                    sent[0] += ch.write(ByteBuffer.wrap(trickle, sent[0], 1));
                } catch (IOException e) {
                    // reset by the server: the read side counts it
                }
            }
        }
    }

    public int connected() {
        return connected.get();
    }

    public int closedByServer() {
        return closedByServer.get();
    }

    /** Connection attempts that failed outright (the server's backlog was full, say). */
    public int failed() {
        return failed.get();
    }

    public int bytesReceived() {
        return bytesReceived.get();
    }

    /** Connections this flood still has open. */
    public int open() {
        return (int) channels.stream().filter(SocketChannel::isOpen).count();
    }

    /** Open file descriptors of this JVM (every socket, ours and the server's, is one). */
    public static long openFileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join(10_000);
        for (SocketChannel ch : channels) {
            closeQuietly(ch);
        }
        try {
            selector.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
