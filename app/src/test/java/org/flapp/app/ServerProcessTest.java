package org.flapp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as real processes: our background start, stop, restart and status; Python's and our
 * tools on each other's directories and servers; services added and removed while the server runs.
 * Every server started here is stopped in {@link #stopServers()}.
 */
class ServerProcessTest {
    private static final Pattern FURL = Pattern.compile("FURL is (pb://\\S+)");

    @TempDir
    Path tmp;

    private final List<Path> started = new ArrayList<>();

    @AfterEach
    void stopServers() throws IOException {
        for (Path basedir : started) {
            new PidFile(basedir).liveProcess().ifPresent(p -> {
                p.destroy();
                p.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).join();
                p.destroyForcibly();
            });
        }
    }

    /** Our flappserver as a process (needed for start: it launches a JVM and returns). */
    private CliRun ours(String... args) {
        List<String> cmd = new ArrayList<>(List.of(DaemonLauncher.javaExecutable(), "-cp",
                System.getProperty("java.class.path"), "org.flapp.app.FlappServer"));
        cmd.addAll(List.of(args));
        if (args.length > 0 && (args[0].equals("start") || args[0].equals("restart"))) {
            started.add(Path.of(args[args.length - 1]));
        }
        return PythonPeer.exec(tmp, cmd, 90);
    }

    private Path createOurs(String name, int port) {
        String dir = tmp.resolve(name).toString();
        CliRun run = CliRun.ours("create", "-q", "--port", "tcp:" + port + ":interface=127.0.0.1",
                "--location", "tcp:127.0.0.1:" + port, dir);
        assertEquals(0, run.status(), run::toString);
        return tmp.resolve(name);
    }

    private Path createPython(String name, int port) {
        CliRun run = PythonPeer.flappserver(tmp, "create", "--quiet", "--port", "tcp:" + port + ":interface=127.0.0.1",
                "--location", "tcp:127.0.0.1:" + port, name);
        assertEquals(0, run.status(), run::toString);
        return tmp.resolve(name);
    }

    private static String furlOf(CliRun added) {
        Matcher m = FURL.matcher(added.out());
        assertTrue(m.find(), added::toString);
        return m.group(1);
    }

    private long pidOf(Path basedir) throws IOException {
        return new PidFile(basedir).read().orElseThrow();
    }

    @Test
    void startStatusRestartStopBehaveAsPythonsAndKeepThePidFile() throws Exception {
        int port = PythonPeer.freePort();
        Path srv = createOurs("srv", port);
        CliRun start = ours("start", srv.toString());
        assertEquals(new CliRun(0, "Server Running\n", "Launching Server...\n"), start);
        long pid = pidOf(srv);
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            assertTrue(socket.isConnected());
        }

        CliRun status = CliRun.ours("status", srv.toString());
        assertEquals(0, status.status(), status::toString);
        assertTrue(status.out().startsWith("running, PID " + pid + "\nport tcp:" + port), status::toString);

        CliRun again = ours("start", srv.toString());
        assertEquals(new CliRun(1, "", "Launching Server...\nAnother server is running, PID " + pid + "\n"), again);

        CliRun restart = ours("restart", srv.toString());
        assertEquals(0, restart.status(), restart::toString);
        assertEquals("Server Running\n", restart.out());
        long newPid = pidOf(srv);
        assertNotEquals(pid, newPid);
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));

        CliRun stop = CliRun.ours("stop", srv.toString());
        assertEquals(new CliRun(0, "", "SIGTERM sent to process " + newPid + ", waiting for shutdown\nprocess "
                + newPid + " terminated\n"), stop);
        assertFalse(Files.exists(srv.resolve("twistd.pid")));
        assertEquals(2, CliRun.ours("stop", srv.toString()).status());
        assertEquals(3, CliRun.ours("status", srv.toString()).status());
        assertTrue(Files.exists(srv.resolve("twistd.log")), "the background server logs to twistd.log, as twistd does");
    }

    @Test
    void startSaysWhyTheServerFailedWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path srv = createOurs("srv", taken.getLocalPort());
            CliRun start = ours("start", srv.toString());
            assertEquals(1, start.status(), start::toString);
            assertTrue(start.err().contains("Error: the server exited during start-up"), start::toString);
            assertTrue(start.err().contains("failed to start"), start::toString);
            assertFalse(Files.exists(srv.resolve("twistd.pid")));
        }
    }

    @Test
    void theBackgroundServerRunsWithTheRecordedUmask() throws Exception {
        int port = PythonPeer.freePort();
        String dir = tmp.resolve("srv").toString();
        assertEquals(0, CliRun.ours("create", "-q", "--umask", "0077", "--port", "tcp:" + port + ":interface=127.0.0.1",
                "--location", "tcp:127.0.0.1:" + port, dir).status());
        assertEquals(0, ours("start", dir).status());
        String status = Files.readString(Path.of("/proc/" + pidOf(Path.of(dir)) + "/status"));
        assertTrue(status.contains("Umask:\t0077"), status);
    }

    @Test
    void ourServerServesAPythonDirectoryToPythonsClient() throws Exception {
        PythonPeer.require();
        int port = PythonPeer.freePort();
        Path srv = createPython("srv", port);
        Files.createDirectory(tmp.resolve("up"));
        String upload = furlOf(PythonPeer.flappserver(tmp, "add", "srv", "upload-file", tmp.resolve("up").toString()));
        String command = furlOf(PythonPeer.flappserver(tmp, "add", "srv", "run-command", tmp.toString(),
                "sh", "-c", "echo out; echo err >&2; exit 3"));
        CliRun start = ours("start", srv.toString());
        assertEquals(0, start.status(), start::toString);

        Files.writeString(tmp.resolve("hello.txt"), "hello from python\n");
        CliRun up = PythonPeer.flappclient(tmp, "--furl", upload, "upload-file", "hello.txt");
        assertEquals(new CliRun(0, "hello.txt: uploaded\n", ""), up);
        assertEquals("hello from python\n", Files.readString(tmp.resolve("up/hello.txt")));

        CliRun run = PythonPeer.flappclient(tmp, "--furl", command, "run-command");
        assertEquals(new CliRun(3, "out\n", "err\n"), run);

        // Python's stop works on our server: same pid file
        CliRun stop = PythonPeer.flappserver(tmp, "stop", "srv");
        assertEquals(0, stop.status(), stop::toString);
        assertFalse(Files.exists(srv.resolve("twistd.pid")));
    }

    @Test
    void pythonsServerServesOurDirectoryAndOurStopStopsIt() throws Exception {
        PythonPeer.require();
        int port = PythonPeer.freePort();
        Path srv = createOurs("srv", port);
        Files.createDirectory(tmp.resolve("up"));
        String upload = furlOf(CliRun.ours("add", srv.toString(), "upload-file", tmp.resolve("up").toString()));
        started.add(srv);
        CliRun start = PythonPeer.flappserver(tmp, "start", "srv");
        assertEquals(0, start.status(), start::toString);
        try {
            waitForPort(port);
            Files.writeString(tmp.resolve("a.txt"), "to python\n");
            CliRun up = PythonPeer.flappclient(tmp, "--furl", upload, "upload-file", "a.txt");
            assertEquals(new CliRun(0, "a.txt: uploaded\n", ""), up);
            assertEquals("to python\n", Files.readString(tmp.resolve("up/a.txt")));
            CliRun again = ours("start", srv.toString());
            assertEquals(1, again.status(), "a Python server counts as running");
        } finally {
            CliRun stop = CliRun.ours("stop", srv.toString());
            assertEquals(0, stop.status(), stop::toString);
        }
    }

    @Test
    void servicesAddedAndRemovedWhileRunningTakeEffectWithoutRestart() throws Exception {
        PythonPeer.require();
        int port = PythonPeer.freePort();
        Path srv = createOurs("srv", port);
        Files.createDirectory(tmp.resolve("up"));
        assertEquals(0, ours("start", srv.toString()).status());
        String furl = furlOf(CliRun.ours("add", srv.toString(), "upload-file", tmp.resolve("up").toString()));
        Files.writeString(tmp.resolve("one.txt"), "1");
        Files.writeString(tmp.resolve("two.txt"), "2");
        Files.writeString(tmp.resolve("three.txt"), "3");
        assertEquals(0, PythonPeer.flappclient(tmp, "--furl", furl, "upload-file", "one.txt").status(),
                "a service added after start works at once");

        Path script = Path.of(System.getProperty("flapp.repo.dir", "."), "app/src/test/python/hold_reference.py");
        if (!Files.exists(script)) {
            script = Path.of("src/test/python/hold_reference.py").toAbsolutePath();
        }
        Process holder = new ProcessBuilder(org.flapp.testsupport.PythonFoolscap.python(), script.toString(), furl, "two.txt", "three.txt")
                .directory(tmp.toFile()).redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
             Writer stdin = new OutputStreamWriter(holder.getOutputStream(), StandardCharsets.UTF_8)) {
            assertEquals("first: ok", lines.readLine());
            CliRun removed = CliRun.ours("remove", srv.toString(), furl);
            assertEquals(0, removed.status(), removed::toString);
            CliRun fresh = PythonPeer.flappclient(tmp, "--furl", furl, "upload-file", "three.txt");
            assertEquals(255, fresh.status(), "a new lookup of a removed FURL fails: " + fresh);
            awaitLogged(srv.resolve(LogSetup.LOG_FILE), RevocationWatcher.REVOKED); // the watcher's poll
            stdin.write("go\n");
            stdin.flush();
            String second = lines.readLine();
            assertTrue(second != null && second.startsWith("second: failed"), "existing reference: " + second);
        } finally {
            holder.destroyForcibly();
        }
        assertFalse(Files.exists(tmp.resolve("up/three.txt")));
        assertTrue(Files.exists(tmp.resolve("up/two.txt")));
    }

    /** Waits (30 s at most) until the server's log file has a line containing {@code text}. */
    private static void awaitLogged(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not log '" + text + "' within 30 s");
    }

    private static void waitForPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (var s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("nothing listens on port " + port);
    }
}
