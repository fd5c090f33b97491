package org.flapp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flapp.client.InProcessClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Socket activation and readiness without systemd: a small Python program plays systemd's part.
 * It binds the listening socket, puts it at file descriptor 3, sets {@code LISTEN_FDS=1},
 * {@code LISTEN_PID} (its own pid, which the server keeps, as it {@code exec}s the server) and
 * {@code JOURNAL_STREAM} (its standard output, as systemd names the journal), then becomes the
 * server; the test listens on the {@code NOTIFY_SOCKET} for {@code READY=1} and {@code STOPPING=1}.
 */
class SocketActivationTest {
    private static final Pattern FURL = Pattern.compile("FURL is (pb://\\S+)");
    private static final Duration LIMIT = Duration.ofSeconds(60);
    /** systemd's part: argv[1] the port, argv[2:] the server's command line. */
    private static final String ACTIVATE = String.join("\n",
            "import os, socket, sys",
            "s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)",
            "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
            "s.bind(('127.0.0.1', int(sys.argv[1])))",
            "s.listen(16)",
            "if s.fileno() != 3:",
            "    os.dup2(s.fileno(), 3)",
            "os.set_inheritable(3, True)",
            "st = os.fstat(1)",
            "os.environ.update(LISTEN_FDS='1', LISTEN_PID=str(os.getpid()),",
            "                  JOURNAL_STREAM='%d:%d' % (st.st_dev, st.st_ino))",
            "os.execv(sys.argv[2], sys.argv[2:])");

    @TempDir
    Path tmp;

    private Process server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private List<String> serverCommand(String... args) {
        List<String> cmd = new ArrayList<>(List.of(DaemonLauncher.javaExecutable(), "-cp",
                System.getProperty("java.class.path"), "org.flapp.app.FlappServer"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private Path create(int port) {
        Path srv = tmp.resolve("srv");
        CliRun created = CliRun.ours("create", "-q", "--port", "systemd:domain=INET:index=0",
                "--location", "tcp:127.0.0.1:" + port, srv.toString());
        assertEquals(0, created.status(), created::toString);
        return srv;
    }

    @Test
    void servesThePassedSocketAndTellsSystemdWhenReadyAndWhenStopping() throws Exception {
        PythonPeer.require(); // python3 plays systemd
        int port = freePort();
        Path srv = create(port);
        CliRun added = CliRun.ours("add", srv.toString(), "run-command", tmp.toString(), "echo", "served");
        Matcher furl = FURL.matcher(added.out());
        assertTrue(furl.find(), added::toString);

        try (DatagramSink notify = new DatagramSink(tmp.resolve("notify"))) {
            List<String> cmd = new ArrayList<>(List.of("python3", "-c", ACTIVATE, Integer.toString(port)));
            cmd.addAll(serverCommand("start", "--nodaemon", srv.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
            pb.environment().put("NOTIFY_SOCKET", notify.path().toString());
            pb.redirectErrorStream(true);
            pb.redirectOutput(tmp.resolve("out").toFile());
            server = pb.start();

            String ready = notify.await(m -> m.contains("READY=1"), LIMIT);
            assertTrue(ready.contains("MAINPID=" + server.pid()), ready);
            assertTrue(Files.readString(srv.resolve("twistd.pid")).equals(Long.toString(server.pid())));

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = InProcessClient.run(new String[] {"--furl", furl.group(1), "run-command"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    new ByteArrayInputStream(new byte[0]));
            assertEquals(0, status, err::toString);
            assertEquals("served\n", out.toString(StandardCharsets.UTF_8));

            server.destroy(); // SIGTERM, as systemctl stop sends it
            notify.await(m -> m.contains("STOPPING=1"), LIMIT);
            assertTrue(server.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS));
            assertFalse(Files.exists(srv.resolve("twistd.pid")));
        }
        // the journal's format: a priority prefix on every line, no time stamp of our own
        List<String> lines = Files.readAllLines(tmp.resolve("out"), StandardCharsets.UTF_8);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("<6>") && l.contains("listening on port " + port)),
                lines::toString);
        assertTrue(lines.stream().filter(l -> l.startsWith("<")).allMatch(l -> l.matches("<[3467]>\\[[^]]*] \\S+: .*")),
                lines::toString);
        assertTrue(lines.stream().noneMatch(l -> l.matches(".*\\d{4}-\\d\\d-\\d\\dT\\d\\d:.*")), lines::toString);
    }

    @Test
    void aSystemdPortWithoutAPassedSocketSaysSo() throws Exception {
        Path srv = create(freePort());
        CliRun start = PythonPeer.exec(tmp, serverCommand("start", "--nodaemon", srv.toString()), 60);
        assertEquals(1, start.status(), start::toString);
        assertTrue(start.err().contains("no socket was passed (LISTEN_FDS is not set)"), start::toString);
        assertFalse(Files.exists(srv.resolve("twistd.pid")));
    }

    @Test
    void createChecksTheSystemdForm() {
        for (String bad : List.of("systemd:domain=UNIX:index=0", "systemd:domain=INET", "systemd:domain=INET:index=x")) {
            CliRun run = CliRun.ours("create", "--port", bad, "--location", "tcp:127.0.0.1:1", tmp.resolve("x").toString());
            assertEquals(1, run.status(), run::toString);
            assertTrue(run.err().startsWith("Error: bad --port '" + bad + "'"), run::toString);
        }
        assertEquals(new SystemdPort(2), SystemdPort.parse("systemd:INET6:2").orElseThrow());
    }
}
