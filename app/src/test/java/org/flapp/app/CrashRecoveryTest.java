package org.flapp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real background server killed with {@code kill -9} in the middle of an upload: the next
 * {@code start} succeeds at once (the dead server's pid file does not block it, zombie or not) and
 * removes the partial file of the interrupted upload, never a complete file. And a server stopped
 * with {@code flappserver stop} leaves nothing its commands started behind.
 */
class CrashRecoveryTest {
    private static final Pattern FURL = Pattern.compile("FURL is (pb://\\S+)");

    @TempDir
    Path tmp;
    private Path srv;
    private final List<Process> clients = new ArrayList<>();

    @BeforeEach
    void create() {
        PythonPeer.require();
        int port = PythonPeer.freePort();
        srv = tmp.resolve("srv");
        CliRun run = CliRun.ours("create", "-q", "--port", "tcp:" + port + ":interface=127.0.0.1",
                "--location", "tcp:127.0.0.1:" + port, srv.toString());
        assertEquals(0, run.status(), run::toString);
    }

    @AfterEach
    void stop() throws IOException {
        clients.forEach(Process::destroyForcibly);
        new PidFile(srv).liveProcess().ifPresent(p -> {
            p.destroy();
            p.onExit().completeOnTimeout(null, 20, TimeUnit.SECONDS).join();
            p.destroyForcibly();
        });
    }

    private CliRun start() {
        List<String> cmd = new ArrayList<>(List.of(DaemonLauncher.javaExecutable(), "-cp",
                System.getProperty("java.class.path"), "org.flapp.app.FlappServer", "start", srv.toString()));
        return PythonPeer.exec(tmp, cmd, 90);
    }

    private String add(String... args) {
        List<String> all = new ArrayList<>(List.of("add", srv.toString()));
        all.addAll(List.of(args));
        CliRun added = CliRun.ours(all.toArray(String[]::new));
        Matcher m = FURL.matcher(added.out());
        assertTrue(m.find(), added::toString);
        return m.group(1);
    }

    private Process client(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("flappclient"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("client-" + clients.size() + ".out").toFile()).start();
        clients.add(p);
        return p;
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(20);
        }
    }

    @Test
    void afterKillNineStartSucceedsAtOnceAndRemovesOnlyThePartialFileOfTheInterruptedUpload() throws Exception {
        Path target = Files.createDirectory(tmp.resolve("target"));
        String furl = add("upload-file", target.toString());
        long first = System.nanoTime();
        assertEquals(0, start().status());
        System.out.printf("first start took %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - first));
        long pid = new PidFile(srv).read().orElseThrow();
        String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
        assertTrue(cmdline.contains("-XX:+ExitOnOutOfMemoryError") && cmdline.contains("-Xmx"),
                "the server's heap is bounded and an OutOfMemoryError ends it: " + cmdline);

        Path complete = Files.writeString(tmp.resolve("keep.partial"), "a complete file, whatever its name");
        CliRun uploaded = PythonPeer.flappclient(tmp, "--furl", furl, "upload-file", complete.toString());
        assertEquals(0, uploaded.status(), uploaded::toString);

        Path fifo = tmp.resolve("big");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        client("--furl", furl, "upload-file", fifo.toString());
        try (OutputStream feed = Files.newOutputStream(fifo)) {
            feed.write(new byte[1024 * 1024]);  // one block; then the upload waits for more
            feed.flush();
            Path partial = target.resolve("big.partial");
            await("the upload has written its first block", () -> sizeOf(partial) == 1024 * 1024);

            ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
            assertTrue(server.destroyForcibly(), "kill -9");
            await("the server is dead (possibly a zombie)", () -> !server.isAlive() || ServerProcessCheck.isZombie(pid));

            long before = System.nanoTime();
            CliRun again = start();
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - before);
            System.out.printf("start after kill -9 took %d s%n", seconds);
            assertEquals(new CliRun(0, "Server Running\n", "Launching Server...\n"), again);
            assertTrue(seconds < 60, "start did not wait for anything: " + seconds + " s");
            assertNotEquals(pid, new PidFile(srv).read().orElseThrow());
            assertFalse(Files.exists(partial), "the interrupted upload's partial file was removed");
            assertEquals("a complete file, whatever its name", Files.readString(target.resolve("keep.partial")));
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    @Test
    void stoppingTheServerLeavesNoProcessACommandStarted() throws Exception {
        Path work = Files.createDirectory(tmp.resolve("work"));
        String furl = add("run-command", work.toString(), "sh", "-c", "sleep 30 & echo $! > sleeper.pid; wait");
        assertEquals(0, start().status());
        client("--furl", furl, "run-command");
        Path pidFile = work.resolve("sleeper.pid");
        await("the command has started its background sleep", () -> {
            try {
                return Files.readString(pidFile).endsWith("\n");
            } catch (IOException e) {
                return false;
            }
        });
        long sleeper = Long.parseLong(Files.readString(pidFile).strip());
        assertTrue(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false));

        long before = System.nanoTime();
        CliRun stop = CliRun.ours("stop", srv.toString());
        assertEquals(0, stop.status(), stop::toString);
        System.out.printf("stop took %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before));

        await("the background sleep is gone", () -> ProcessHandle.of(sleeper)
                .map(p -> !p.isAlive() || ServerProcessCheck.isZombie(sleeper)).orElse(true));
    }
}
