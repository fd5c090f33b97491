package org.flapp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * twistd's options of {@code start}, given after BASEDIR as Python's flappserver takes them: each
 * has the effect it has there (checked on the running process: its pid file, working directory,
 * umask and log), the Python-only ones are ignored with a notice.
 */
class TwistdOptionsTest {
    @TempDir
    Path tmp;

    private final List<Long> pids = new ArrayList<>();

    @AfterEach
    void stopServers() {
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroy();
                p.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).join();
                p.destroyForcibly();
            });
        }
    }

    private CliRun ours(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(DaemonLauncher.javaExecutable(), "-cp",
                System.getProperty("java.class.path"), "org.flapp.app.FlappServer"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Path out = tmp.resolve("cli.out");
        Path err = tmp.resolve("cli.err");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "flappserver " + String.join(" ", args) + " did not end");
        return new CliRun(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Path create(String name) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path srv = tmp.resolve(name);
        CliRun created = CliRun.ours("create", "-q", "--port", "tcp:" + port + ":interface=127.0.0.1",
                "--location", "tcp:127.0.0.1:" + port, srv.toString());
        assertEquals(0, created.status(), created::toString);
        return srv;
    }

    private long pidIn(Path file) throws IOException {
        long pid = Long.parseLong(Files.readString(file).strip());
        pids.add(pid);
        return pid;
    }

    @Test
    void logfilePidfileRundirAndUmaskAfterBasedir() throws Exception {
        Path srv = create("srv");
        Files.delete(srv.resolve("umask")); // as in Python, the directory's umask file would win over --umask
        Files.createDirectories(srv.resolve("rd"));
        Files.createDirectories(srv.resolve("run"));
        CliRun start = ours(Map.of(), "start", srv.toString(), "--logfile=other.log", "--pidfile=run/x.pid", "-d", "rd",
                "--umask=027", "--reactor=epoll", "--profile=prof.out", "-o");
        assertEquals(0, start.status(), start::toString);
        assertEquals("Server Running\n", start.out());
        assertEquals(List.of("flappserver: ignoring twistd option --reactor (Flapp has no Twisted reactor)",
                "flappserver: ignoring twistd option --profile (use Java's profilers instead)",
                "flappserver: ignoring twistd option --no_save (a server keeps no state to save)",
                "Launching Server..."), start.err().lines().toList());

        long pid = pidIn(srv.resolve("run/x.pid"));
        assertFalse(Files.exists(srv.resolve("twistd.pid")), "the pid file is where --pidfile says");
        assertEquals(srv.resolve("rd").toRealPath(), Path.of("/proc/" + pid + "/cwd").toRealPath());
        assertTrue(Files.readAllLines(Path.of("/proc/" + pid + "/status")).contains("Umask:\t0027"));
        assertTrue(Files.readString(srv.resolve("other.log")).contains("flappserver running in"));
        assertFalse(Files.exists(srv.resolve("twistd.log")));
        assertFalse(Files.exists(srv.resolve("prof.out")));
    }

    @Test
    void theDefaultsAreTwistdsAndTheUmaskFileWins() throws Exception {
        Path srv = create("srv");
        Files.writeString(srv.resolve("umask"), "0022\n");
        CliRun start = ours(Map.of(), "start", srv.toString(), "--umask=0077");
        assertEquals(0, start.status(), start::toString);
        long pid = pidIn(srv.resolve("twistd.pid"));
        assertTrue(Files.readAllLines(Path.of("/proc/" + pid + "/status")).contains("Umask:\t0022"));
        assertEquals(srv.toRealPath(), Path.of("/proc/" + pid + "/cwd").toRealPath());
        String log = Files.readString(srv.resolve(LogSetup.LOG_FILE), StandardCharsets.UTF_8);
        assertTrue(log.matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d{4} INFO .*"), log);
    }

    @Test
    void syslogWithPrefix() throws Exception {
        Path srv = create("srv");
        try (DatagramSink syslog = new DatagramSink(tmp.resolve("dev-log"))) {
            CliRun start = ours(Map.of("FLAPP_SYSLOG_SOCKET", syslog.path().toString()), "start", srv.toString(),
                    "--syslog", "--prefix=flapptest");
            assertEquals(0, start.status(), start::toString);
            long pid = pidIn(srv.resolve("twistd.pid"));
            String running = syslog.await(m -> m.contains("flappserver running in"), Duration.ofSeconds(30));
            assertTrue(running.startsWith("<14>flapptest[" + pid + "]: [main] "), running);
            assertFalse(Files.exists(srv.resolve(LogSetup.LOG_FILE)));
        }
    }

    private TwistdOptions.Settings parse(String... args) {
        StartCommand start = new StartCommand();
        new picocli.CommandLine(start).parseArgs(args);
        return start.twistd.settings(start.basedir, Map.of());
    }

    @Test
    void settingsFollowTwistdsRules() throws IOException {
        Path srv = Files.createDirectories(tmp.resolve("srv"));
        TwistdOptions.Settings background = parse(srv.toString());
        assertFalse(background.nodaemon());
        assertEquals(new LogTarget(LogTarget.Kind.FILE, srv.resolve("twistd.log"), null, null), background.log());
        assertEquals(java.util.Optional.of(srv.resolve("twistd.pid")), background.pidFile());
        assertEquals(srv, background.rundir());

        TwistdOptions.Settings foreground = parse("-n", srv.toString(), "--pidfile=");
        assertEquals(LogTarget.Kind.STDOUT, foreground.log().kind());
        assertEquals(java.util.Optional.empty(), foreground.pidFile(), "--pidfile= writes none");
        assertEquals(LogTarget.Kind.STDOUT, parse(srv.toString(), "--nodaemon", "--logfile=-").log().kind());
        assertEquals(srv.resolve("l/x.log"), parse(srv.toString(), "-n", "-l", "l/x.log").log().file());
        assertEquals(new LogTarget(LogTarget.Kind.SYSLOG, null, "twisted", "/dev/log"), parse(srv.toString(), "--syslog").log());
        assertTrue(parse(srv.toString(), "--debug").nodaemon(), "--debug implies --nodaemon, as in twistd");
    }

    @Test
    void refusalsSayWhy() throws Exception {
        // in this JVM: each is refused before anything is launched or logged
        Path srv = create("srv");
        assertEquals(new CliRun(1, "", "Daemons cannot log to stdout, exiting!\n"),
                CliRun.ours("start", srv.toString(), "--logfile=-"));
        CliRun uid = CliRun.ours("start", srv.toString(), "--uid=nobody");
        assertEquals(1, uid.status(), uid::toString);
        assertTrue(uid.err().startsWith("Error: --uid is not supported: start the server as the user"), uid::toString);
        CliRun rundir = CliRun.ours("restart", "--rundir=missing", srv.toString());
        assertEquals(1, rundir.status(), rundir::toString);
        assertTrue(rundir.err().contains("--rundir " + srv.toAbsolutePath().resolve("missing") + " is not a directory"),
                rundir::toString);
        assertFalse(Files.exists(srv.resolve("twistd.pid")));
    }
}
