package org.flapp.rpc.tor;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small SOCKS5 server (RFC 1928, no authentication, CONNECT only) on a free loopback port,
 * standing in for Tor's SocksPort: it records the host and port each client asks for and
 * connects every request to 127.0.0.1 on the asked port, or answers "host unreachable" (reply
 * 4) for the names in {@code unreachable}. One thread per connection and direction; for tests.
 */
final class Socks5Forwarder implements AutoCloseable {
    /** One CONNECT request: the address type (1 IPv4, 3 name, 4 IPv6), host and port asked. */
    record Request(int addressType, String host, int port) {}

    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> unreachable;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    Socks5Forwarder(List<String> unreachable) throws IOException {
        this.unreachable = List.copyOf(unreachable);
        Thread acceptor = new Thread(this::accept, "socks5-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void accept() {
        try {
            while (true) {
                Socket client = server.accept();
                sockets.add(client);
                start(() -> serve(client));
            }
        } catch (IOException closed) {
            // close() ends the loop
        }
    }

    private void serve(Socket client) {
        try {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            if (in.readUnsignedByte() != 5) {
                client.close();
                return;
            }
            in.skipNBytes(in.readUnsignedByte());          // the offered methods
            out.write(new byte[] {5, 0});                   // no authentication
            int version = in.readUnsignedByte();
            int command = in.readUnsignedByte();
            in.readUnsignedByte();                          // reserved
            int type = in.readUnsignedByte();
            String host = switch (type) {
                case 1 -> InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
                case 3 -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
                case 4 -> InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
                default -> throw new IOException("address type " + type);
            };
            int port = in.readUnsignedShort();
            requests.add(new Request(type, host, port));
            if (version != 5 || command != 1 || unreachable.contains(host)) {
                out.write(new byte[] {5, 4, 0, 1, 0, 0, 0, 0, 0, 0});
                client.close();
                return;
            }
            Socket target = new Socket(InetAddress.getLoopbackAddress(), port);
            sockets.add(target);
            out.write(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, 0, 0});
            out.flush();
            start(() -> pump(in, target));
            pump(target.getInputStream(), client);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private static void pump(InputStream from, Socket to) {
        try {
            from.transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(to);
        }
    }

    private static void start(Runnable task) {
        Thread t = new Thread(task, "socks5-conn");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }
}
