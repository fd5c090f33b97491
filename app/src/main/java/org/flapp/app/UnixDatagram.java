package org.flapp.app;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Sends one datagram to a unix socket: how systemd's readiness notification ({@code NOTIFY_SOCKET})
 * and syslog ({@code /dev/log}) are reached. JDK 17 has unix stream sockets only, so this uses the
 * native code of Netty's epoll transport (already a dependency for socket activation), without an
 * event loop: one non-blocking {@code sendto} on a socket of its own. A receiver that is not
 * reading (full buffer) makes the send fail rather than wait. Thread-safe (one socket per call).
 */
final class UnixDatagram {
    private UnixDatagram() {}

    /** Whether the native code is usable here (Linux, a supported CPU). */
    static boolean available() {
        return Epoll.isAvailable();
    }

    /**
     * Sends {@code message} to {@code path}; a path starting with {@code @} names Linux's abstract
     * socket namespace, as systemd writes it.
     *
     * @throws IOException when the native code is unavailable or the send fails
     */
    static void send(String path, byte[] message) throws IOException {
        if (!available()) {
            throw new IOException("unix datagrams need Netty's epoll transport: " + Epoll.unavailabilityCause());
        }
        byte[] address = path.getBytes(StandardCharsets.UTF_8);
        if (address.length > 0 && address[0] == '@') {
            address[0] = 0;
        }
        Socket socket = Socket.newSocketDomainDgram();
        try {
            ByteBuffer buffer = ByteBuffer.allocateDirect(message.length);
            buffer.put(message).flip();
            int sent = socket.sendToDomainSocket(buffer, 0, message.length, address);
            if (sent != message.length) {
                throw new IOException("sent " + sent + " of " + message.length + " bytes to " + path);
            }
        } finally {
            socket.close();
        }
    }
}
