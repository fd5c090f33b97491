package org.flapp.app.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flapp.app.FlappServer;

/**
 * A real flappserver: a base directory made by our {@code create} with one upload-file service,
 * served by {@code flappserver start --nodaemon} in a JVM of its own with a fixed heap, as
 * systemd runs it. Reads what the process holds from /proc: resident memory, open files, and its
 * TCP sockets (to tell connections it accepted from any it opened itself).
 */
final class ServerProcess implements AutoCloseable {
    /** The server JVM's heap bound, -Xmx (the launcher's default is 512 MiB; a test keeps it smaller). */
    static final int HEAP_MIB = 256;
    private static final Pattern FURL = Pattern.compile("FURL is (pb://\\S+)");
    private static final String LISTEN = "0A";

    final Path basedir;
    final Path uploads;
    final int port;
    final String uploadFurl;
    private final Process process;

    private ServerProcess(Path basedir, Path uploads, int port, String uploadFurl, Process process) {
        this.basedir = basedir;
        this.uploads = uploads;
        this.port = port;
        this.uploadFurl = uploadFurl;
        this.process = process;
    }

    /** Creates a server directory under {@code tmp}, starts it, and returns once it accepts connections. */
    static ServerProcess start(Path tmp) throws Exception {
        int port = freePort();
        Path basedir = tmp.resolve("srv");
        Path uploads = Files.createDirectory(tmp.resolve("uploads"));
        flappserver("create", "-q", "--port", "tcp:" + port + ":interface=127.0.0.1",
                "--location", "tcp:127.0.0.1:" + port, basedir.toString());
        Matcher furl = FURL.matcher(flappserver("add", basedir.toString(), "upload-file", uploads.toString()));
        if (!furl.find()) {
            throw new AssertionError("add printed no FURL");
        }
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP_MIB + "m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), FlappServer.class.getName(),
                "start", "--nodaemon", basedir.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("server.out").toFile()).start();
        ServerProcess server = new ServerProcess(basedir, uploads, port, furl.group(1), process);
        try {
            server.awaitListening();
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static String flappserver(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = FlappServer.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new AssertionError("flappserver " + String.join(" ", args) + " failed: " + status);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertAlive();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the server does not listen on " + port + " after 60 s");
    }

    long pid() {
        return process.pid();
    }

    void assertAlive() {
        if (!process.isAlive()) {
            throw new AssertionError("the server process exited with status " + process.exitValue()
                    + "; its output:\n" + output());
        }
    }

    /** What the server process wrote to stdout and stderr (its log, with --nodaemon). */
    String output() {
        try {
            return Files.readString(basedir.resolveSibling("server.out"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Resident memory of the server process (VmRSS), in KiB. */
    long rssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            assertAlive();
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no VmRSS in /proc/" + pid() + "/status");
    }

    /** CPU time the server process has used (user and system), in milliseconds. */
    long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // clock ticks of 10 ms
        } catch (IOException e) {
            assertAlive();
            throw new UncheckedIOException(e);
        }
    }

    /** The server process's open file descriptors. */
    int openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid() + "/fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            assertAlive();
            throw new UncheckedIOException(e);
        }
    }

    /** One TCP socket of the server process, from /proc/net/tcp{,6}. */
    record TcpSocket(int localPort, int remotePort, String state, long receiveQueue) {
        boolean listening() {
            return LISTEN.equals(state);
        }
    }

    /** Every TCP socket the server process has open (listening, accepted, or opened by it). */
    List<TcpSocket> sockets() {
        Set<String> inodes = socketInodes();
        List<TcpSocket> sockets = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of("/proc/" + pid() + "/net/" + table));
            } catch (IOException e) {
                continue; // no IPv6 in this namespace
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && inodes.contains(f[9])) {
                    sockets.add(new TcpSocket(port(f[1]), port(f[2]), f[3],
                            Long.parseLong(f[4].substring(f[4].indexOf(':') + 1), 16)));
                }
            }
        }
        return sockets;
    }

    /**
     * Sockets the server opened itself: every socket it accepted has the listening port as its
     * local port, so anything else that is not listening is an outbound connection (or an attempt).
     */
    List<TcpSocket> outboundSockets() {
        return sockets().stream().filter(s -> !s.listening() && s.localPort() != port).toList();
    }

    private Set<String> socketInodes() {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid() + "/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed while we looked
                }
            }
        } catch (IOException e) {
            assertAlive();
            throw new UncheckedIOException(e);
        }
        return inodes;
    }

    private static int port(String hexAddress) {
        return Integer.parseInt(hexAddress.substring(hexAddress.indexOf(':') + 1), 16);
    }

    /** SIGTERM, then (after 20 s) SIGKILL. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
