package org.flapp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flapp.testsupport.PythonFoolscap;

/**
 * The real Python {@code flappserver} (Foolscap 21.7.0) in a base directory of a test's own,
 * listening on a free loopback port: create, add services, start, stop. When the peer is not
 * installed the test is skipped, except under CI ({@code CI=true}), where that is a failure.
 */
final class PythonFlappServer implements AutoCloseable {
    private static final String FLAPPSERVER = "/usr/bin/flappserver";
    private static final Pattern FURL_LINE = Pattern.compile("FURL is (pb://\\S+)");

    private final Path baseDir;
    private final int port;
    private boolean started;

    private PythonFlappServer(Path baseDir, int port) {
        this.baseDir = baseDir;
        this.port = port;
    }

    /** Skips (or, under CI, fails) unless the Python peer is installed: see {@link PythonFoolscap}. */
    static void requirePeer() {
        PythonFoolscap.require();
    }

    static boolean peerInstalled() {
        return PythonFoolscap.isInstalled();
    }

    /** Creates a server in {@code parent}/server on a free port (not yet started). */
    static PythonFlappServer create(Path parent) throws Exception {
        int port = freePort();
        Path baseDir = parent.resolve("server");
        String[] command = {FLAPPSERVER, "create", "--location", "tcp:127.0.0.1:" + port,
            "--port", "tcp:" + port + ":interface=127.0.0.1", "--quiet", baseDir.toString()};
        assertEquals(0, run(command).status, "flappserver create");
        return new PythonFlappServer(baseDir, port);
    }

    /** Adds a service ({@code type} and its arguments); returns its FURL. */
    String add(String type, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(FLAPPSERVER, "add", baseDir.toString(), type));
        command.addAll(List.of(args));
        Result result = run(command.toArray(String[]::new));
        assertEquals(0, result.status, () -> "flappserver add: " + result.output);
        Matcher m = FURL_LINE.matcher(result.output);
        if (!m.find()) {
            fail("no FURL in the output of flappserver add: " + result.output);
        }
        return m.group(1);
    }

    /** Starts the daemon and waits until its port accepts connections. */
    void start() throws Exception {
        Result result = run(FLAPPSERVER, "start", baseDir.toString());
        assertEquals(0, result.status, () -> "flappserver start: " + result.output);
        started = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        fail("flappserver did not start listening on port " + port);
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        if (started) {
            started = false;
            run(FLAPPSERVER, "stop", baseDir.toString());
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private record Result(int status, String output) {}

    private static Result run(String... command) throws Exception {
        Path log = Files.createTempFile("flappserver", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
