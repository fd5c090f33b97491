package org.flapp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
 * A flood of run-command clients against a real server started with {@code --max-commands 2}:
 * two commands run, every other client is told why it was refused, and the server goes on
 * serving (an upload and, once the two end, a new command).
 */
class CommandFloodTest {
    private static final Pattern FURL = Pattern.compile("FURL is (pb://\\S+)");

    @TempDir
    Path tmp;
    private Path srv;
    private final List<Process> clients = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        clients.forEach(Process::destroyForcibly);
        if (srv != null) {
            new PidFile(srv).liveProcess().ifPresent(p -> {
                p.destroy();
                p.onExit().completeOnTimeout(null, 20, TimeUnit.SECONDS).join();
                p.destroyForcibly();
            });
        }
    }

    private String furlOf(CliRun added) {
        Matcher m = FURL.matcher(added.out());
        assertTrue(m.find(), added::toString);
        return m.group(1);
    }

    @Test
    void extraCommandsAreRefusedClearlyAndTheServerKeepsServing() throws Exception {
        PythonPeer.require();
        int port = PythonPeer.freePort();
        srv = tmp.resolve("srv");
        assertEquals(0, CliRun.ours("create", "-q", "--port", "tcp:" + port + ":interface=127.0.0.1",
                "--location", "tcp:127.0.0.1:" + port, srv.toString()).status());
        Path work = Files.createDirectory(tmp.resolve("work"));
        Path target = Files.createDirectory(tmp.resolve("target"));
        String command = furlOf(CliRun.ours("add", srv.toString(), "run-command", work.toString(), "sh", "-c",
                "touch started.$$; while [ ! -e go ]; do sleep 0.05; done; echo ran"));
        String upload = furlOf(CliRun.ours("add", srv.toString(), "upload-file", target.toString()));
        CliRun start = PythonPeer.exec(tmp, List.of(DaemonLauncher.javaExecutable(), "-cp",
                System.getProperty("java.class.path"), "org.flapp.app.FlappServer", "start", "--max-commands", "2",
                srv.toString()), 90);
        assertEquals(0, start.status(), start::toString);

        int flood = 8;
        for (int i = 0; i < flood; i++) {
            clients.add(new ProcessBuilder("flappclient", "--furl", command, "run-command").directory(tmp.toFile())
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("client" + i + ".out").toFile()).start());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (clients.stream().filter(c -> !c.isAlive()).count() < flood - 2) {
            assertTrue(System.nanoTime() < deadline, "the extra clients were answered");
            Thread.sleep(50);
        }
        for (int i = 0; i < flood; i++) {
            Process client = clients.get(i);
            if (!client.isAlive()) {
                String out = Files.readString(tmp.resolve("client" + i + ".out"), StandardCharsets.UTF_8);
                assertTrue(client.exitValue() != 0 && out.contains("too many commands running at once (the limit is 2)"),
                        "client " + i + " was refused clearly: " + out);
            }
        }
        assertEquals(2, clients.stream().filter(Process::isAlive).count(), "two commands run");

        Path local = Files.writeString(tmp.resolve("during-flood.txt"), "served");
        CliRun up = PythonPeer.flappclient(tmp, "--furl", upload, "upload-file", local.toString());
        assertEquals(0, up.status(), up::toString);
        assertEquals("served", Files.readString(target.resolve("during-flood.txt")));

        Files.createFile(work.resolve("go"));
        for (int i = 0; i < flood; i++) {
            Process client = clients.get(i);
            assertTrue(client.waitFor(60, TimeUnit.SECONDS), "the running commands end");
        }
        try (var started = Files.list(work)) {
            assertEquals(2, started.filter(p -> p.getFileName().toString().startsWith("started.")).count(),
                    "exactly two commands ran");
        }
        CliRun after = PythonPeer.exec(tmp, List.of("flappclient", "--furl", command, "run-command"), 60);
        assertEquals(0, after.status(), after::toString);
        assertTrue(after.out().contains("ran"), after::toString);
    }
}
