package org.flapp.app;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.DomainDatagramSocketAddress;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A unix datagram socket a test listens on in the place of systemd's notification socket or of
 * {@code /dev/log}: it collects what the server sends. Not thread-safe.
 */
final class DatagramSink implements AutoCloseable {
    private final Socket socket;
    private final Path path;
    private final List<String> received = new ArrayList<>();

    DatagramSink(Path path) throws IOException {
        Epoll.ensureAvailability();
        this.path = path;
        this.socket = Socket.newSocketDomainDgram();
        socket.bind(new DomainSocketAddress(path.toString()));
    }

    Path path() {
        return path;
    }

    /** Everything received so far. */
    List<String> received() throws IOException {
        drain();
        return List.copyOf(received);
    }

    /** Waits for a datagram {@code wanted} accepts; fails after {@code limit}. */
    String await(Predicate<String> wanted, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            drain();
            for (; seen < received.size(); seen++) {
                if (wanted.test(received.get(seen))) {
                    return received.get(seen);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no such datagram within " + limit + "; got " + received);
    }

    private void drain() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
        while (true) {
            buffer.clear();
            DomainDatagramSocketAddress from = socket.recvFromDomainSocket(buffer, 0, buffer.capacity());
            if (from == null) {
                return;
            }
            byte[] bytes = new byte[from.receivedAmount()];
            buffer.get(0, bytes);
            received.add(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
