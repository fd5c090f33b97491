package org.flapp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Our server (in this JVM: {@link RunningServer} over a directory made by our {@code create} and
 * {@code add}) driven by Python's {@code flappclient} and by a Python Foolscap script that calls
 * {@code putfile} directly with names flappclient never sends: both services and their options,
 * exit statuses and signals, large stdin, file modes, hostile names and symbolic links.
 * (Daemon start/stop and live add/remove are in {@link ServerProcessTest}.)
 */
@Timeout(120)
class EndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private InProcessServer server;

    @BeforeEach
    void startServer() throws Exception {
        PythonPeer.require();
        server = InProcessServer.start(tmp.resolve("srv"));
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private String add(String... typeAndArgs) {
        return server.add(typeAndArgs);
    }

    private String command(String... optionsAndCommand) {
        return server.command(optionsAndCommand);
    }

    private CliRun runCommand(String furl) {
        return PythonPeer.flappclient(tmp, "--furl", furl, "run-command");
    }

    // ---- run-command ------------------------------------------------------------------------

    @Test
    void stdoutAndStderrArriveSeparatelyAtPythonsClient() {
        String furl = command(tmp.toString(), "sh", "-c",
                "echo out1; echo err1 >&2; printf 'out2 no newline'; echo err2 >&2");
        assertEquals(new CliRun(0, "out1\nout2 no newline", "err1\nerr2\n"), runCommand(furl));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 42, 137})
    void theClientExitsWithTheCommandsExitStatus(int status) {
        String furl = command(tmp.toString(), "sh", "-c", "echo before exit; exit " + status);
        assertEquals(new CliRun(status, "before exit\n", ""), runCommand(furl));
    }

    @Test
    void aCommandKilledByASignalMakesTheClientExit127NotAsExit137() {
        String furl = command(tmp.toString(), "sh", "-c", "echo dying; kill -9 $$");
        assertEquals(new CliRun(127, "dying\n", ""), runCommand(furl));
    }

    @Test
    void noStdoutAndNoStderrKeepTheOutputOnTheServer() {
        String script = "echo out; echo err >&2; exit 5";
        assertEquals(new CliRun(5, "", "err\n"), runCommand(command("--no-stdout", tmp.toString(), "sh", "-c", script)));
        assertEquals(new CliRun(5, "out\n", ""), runCommand(command("--no-stderr", tmp.toString(), "sh", "-c", script)));
        assertEquals(new CliRun(5, "", ""),
                runCommand(command("--no-stdout", "--no-stderr", tmp.toString(), "sh", "-c", script)));
    }

    @Test
    void twentyMebibytesOfStdinReachTheCommandIntact() throws Exception {
        Path input = tmp.resolve("input.bin");
        byte[] data = new byte[20 * 1024 * 1024];
        new Random(20).nextBytes(data);
        Files.write(input, data);
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));

        String furl = command("--accept-stdin", tmp.toString(), "sha256sum");
        CliRun run = PythonPeer.flappclientWithStdin(tmp, input, "--furl", furl, "run-command");
        assertEquals(new CliRun(0, digest + "  -\n", ""), run);
    }

    @Test
    void withoutAcceptStdinTheClientKeepsItsStdinAndTheCommandSeesEndOfInput() throws Exception {
        Path input = Files.writeString(tmp.resolve("input.txt"), "this is not sent\n");
        for (String furl : List.of(command(tmp.toString(), "wc", "-c"), command("--no-stdin", tmp.toString(), "wc", "-c"))) {
            CliRun run = PythonPeer.flappclientWithStdin(tmp, input, "--furl", furl, "run-command");
            assertEquals(0, run.status(), run::toString);
            assertEquals("0", run.out().strip(), run::toString);
        }
    }

    @Test
    void largeOutputReachesPythonsClientWhole() {
        // 8 MiB: many times the output window, so flow control is exercised on a real socket
        String furl = command(tmp.toString(), "sh", "-c", "head -c 8388608 /dev/zero | tr '\\0' x");
        CliRun run = runCommand(furl);
        assertEquals(0, run.status(), () -> run.err());
        assertEquals(8 * 1024 * 1024, run.out().length());
        assertTrue(run.out().chars().allMatch(c -> c == 'x'));
    }

    @Test
    void logFlagsLogExactlyTheStreamsAsked() throws Exception {
        Path input = Files.writeString(tmp.resolve("input.txt"), "in-data\n");
        String script = "cat; echo out-data; echo err-data >&2";
        String logged = command("--accept-stdin", "--log-stdin", "--log-stdout", "--log-stderr", tmp.toString(),
                "sh", "-c", script);
        String silent = command("--accept-stdin", "--no-log-stdin", "--no-log-stdout", "--no-log-stderr",
                tmp.toString(), "sh", "-c", script);
        String defaults = command("--accept-stdin", tmp.toString(), "sh", "-c", script);

        List<String> withLogs = serverLogDuring(() ->
                assertEquals(0, PythonPeer.flappclientWithStdin(tmp, input, "--furl", logged, "run-command").status()));
        assertTrue(withLogs.stream().anyMatch(l -> l.startsWith("stdin: ") && l.contains("in-data")), withLogs::toString);
        assertTrue(withLogs.stream().anyMatch(l -> l.startsWith("stdout (sent): ") && l.contains("out-data")),
                withLogs::toString);
        assertTrue(withLogs.stream().anyMatch(l -> l.startsWith("stderr (sent): ") && l.contains("err-data")),
                withLogs::toString);

        List<String> none = serverLogDuring(() ->
                assertEquals(0, PythonPeer.flappclientWithStdin(tmp, input, "--furl", silent, "run-command").status()));
        assertFalse(none.stream().anyMatch(l -> l.startsWith("stdin: ") || l.startsWith("stdout (")
                || l.startsWith("stderr (")), none::toString);
        assertTrue(none.stream().anyMatch(l -> l.startsWith("process ended")), "logging works: " + none);

        // Python's defaults: stderr is logged, stdin and stdout are not
        List<String> byDefault = serverLogDuring(() ->
                assertEquals(0, PythonPeer.flappclientWithStdin(tmp, input, "--furl", defaults, "run-command").status()));
        assertFalse(byDefault.stream().anyMatch(l -> l.startsWith("stdin: ") || l.startsWith("stdout (")),
                byDefault::toString);
        assertTrue(byDefault.stream().anyMatch(l -> l.startsWith("stderr (sent): ") && l.contains("err-data")),
                byDefault::toString);
    }

    private static boolean logged(ListAppender<ILoggingEvent> appender, String prefix) {
        synchronized (appender.list) {
            return appender.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith(prefix));
        }
    }

    /** The messages the run-command service logged while {@code action} ran. */
    private static List<String> serverLogDuring(ThrowingRunnable action) throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("org.flapp.services.command");
        Level before = logger.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.INFO);
        try {
            action.run();
            // the client may exit before the server's last report is logged: "process ended" is
            // logged just before done is sent, after every other report of the run
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!logged(appender, "process ended") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            logger.setLevel(before);
            logger.detachAppender(appender);
        }
        synchronized (appender.list) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    // ---- upload-file ------------------------------------------------------------------------

    @Test
    void uploadsSeveralFilesInOneCallWithTheConfiguredMode() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("up"));
        String furl = add("upload-file", "--mode", "0600", target.toString());
        Files.writeString(tmp.resolve("a.txt"), "first\n");
        byte[] blob = new byte[3 * 1024 * 1024 + 17];  // several read() blocks
        new Random(3).nextBytes(blob);
        Files.write(tmp.resolve("b.bin"), blob);
        Files.writeString(Files.createDirectories(tmp.resolve("nested")).resolve("c.txt"), "third\n");

        CliRun up = PythonPeer.flappclient(tmp, "--furl", furl, "upload-file", "a.txt", "b.bin", "nested/c.txt");
        assertEquals(new CliRun(0, "a.txt: uploaded\nb.bin: uploaded\nc.txt: uploaded\n", ""), up);
        assertEquals("first\n", Files.readString(target.resolve("a.txt")));
        assertTrue(java.util.Arrays.equals(blob, Files.readAllBytes(target.resolve("b.bin"))));
        assertEquals("third\n", Files.readString(target.resolve("c.txt")), "the basename is used");
        for (String name : List.of("a.txt", "b.bin", "c.txt")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve(name))));
        }
        try (Stream<Path> files = Files.list(target)) {
            assertEquals(3, files.count(), "no .partial files left behind");
        }

        String other = add("upload-file", "--mode=0640", target.toString());
        assertEquals(0, PythonPeer.flappclient(tmp, "--furl", other, "upload-file", "a.txt").status());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("a.txt"))),
                "an existing file is replaced with the new mode");
    }

    @Test
    void aMissingSourceFileFailsTheClientAndWritesNothing() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("up"));
        String furl = add("upload-file", target.toString());
        CliRun up = PythonPeer.flappclient(tmp, "--furl", furl, "upload-file", "does-not-exist.txt");
        assertTrue(up.status() != 0, up::toString);
        try (Stream<Path> files = Files.list(target)) {
            assertEquals(0, files.count());
        }
    }

    /** The layout hostile names and links try to escape from; everything outside must stay as it is. */
    private record Arena(Path target, Path outside) {
        Map<String, String> outsideSnapshot(Path root) throws IOException {
            Map<String, String> state = new TreeMap<>();
            try (Stream<Path> all = Files.walk(root)) {
                for (Path p : all.toList()) {
                    if (p.startsWith(target) && !p.equals(target)) {
                        continue;
                    }
                    state.put(root.relativize(p).toString(), Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                            ? Files.readString(p) : Files.isSymbolicLink(p) ? "link" : "dir");
                }
            }
            return state;
        }
    }

    private Arena arena() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("arena"));
        Path target = Files.createDirectories(root.resolve("target"));
        Path outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("victim.txt"), "precious");
        Files.writeString(outside.resolve("victim2.txt"), "precious too");
        Files.createSymbolicLink(target.resolve("escape"), Path.of("../outside"));
        Files.createSymbolicLink(target.resolve("victimlink"), Path.of("../outside/victim.txt"));
        Files.createSymbolicLink(target.resolve("p.partial"), Path.of("../outside/victim2.txt"));
        return new Arena(target, outside);
    }

    /** Runs putfile_names.py: one result per name, by name. */
    private Map<String, JsonNode> putfile(String furl, List<String> names) throws IOException {
        Path script = Path.of(System.getProperty("flapp.repo.dir", "."), "app/src/test/python/putfile_names.py");
        if (!Files.exists(script)) {
            script = Path.of("src/test/python/putfile_names.py").toAbsolutePath();
        }
        CliRun run = PythonPeer.exec(tmp, List.of(org.flapp.testsupport.PythonFoolscap.python(), script.toString(), furl,
                JSON.writeValueAsString(names)), 60);
        assertEquals(0, run.status(), run::toString);
        Map<String, JsonNode> results = new TreeMap<>();
        for (String line : run.out().split("\n")) {
            JsonNode node = JSON.readTree(line);
            results.put(node.get("name").asText(), node);
        }
        assertEquals(names.size(), results.size(), run::toString);
        return results;
    }

    private static void assertRefused(Map<String, JsonNode> results, String name, String why) {
        JsonNode result = results.get(name);
        assertFalse(result.get("ok").asBoolean(), "accepted: " + show(name));
        assertEquals("twisted.python.filepath.InsecurePath", result.get("type").asText(), result::toString);
        assertTrue(result.get("message").asText().contains(why), result::toString);
    }

    @Test
    void putfileRefusesEveryNameThatCouldLeaveTheTargetDirectory() throws Exception {
        Arena arena = arena();
        Map<String, String> before = arena.outsideSnapshot(tmp.resolve("arena"));
        String furl = add("upload-file", arena.target().toString());
        Path etc = Path.of("/etc/flapp-e2e-" + ProcessHandle.current().pid());

        Map<String, JsonNode> results = putfile(furl, List.of("", ".", "..", etc.toString(), "a/../../x",
                "a\u0000b", "a/b", "escape/x", "../outside/victim.txt"));

        assertRefused(results, "", "is empty");
        assertRefused(results, ".", "'.' component");
        assertRefused(results, "..", "'..' component");
        assertRefused(results, etc.toString(), "absolute path");
        assertRefused(results, "a/../../x", "directory separators");
        assertRefused(results, "a\u0000b", "NUL byte");
        assertRefused(results, "a/b", "without --allow-subdirectories");
        assertRefused(results, "escape/x", "directory separators");
        assertRefused(results, "../outside/victim.txt", "directory separators");
        assertFalse(Files.exists(etc, LinkOption.NOFOLLOW_LINKS));
        assertEquals(before, arena.outsideSnapshot(tmp.resolve("arena")), "nothing outside the target changed");
        try (Stream<Path> files = Files.list(arena.target())) {
            assertEquals(3, files.count(), "only the three planted links: " + arena.target());
        }
    }

    @Test
    void withSubdirectoriesPutfileCreatesThemButNeverFollowsALinkOrDotDot() throws Exception {
        Arena arena = arena();
        Map<String, String> before = arena.outsideSnapshot(tmp.resolve("arena"));
        String furl = add("upload-file", "--allow-subdirectories", arena.target().toString());

        Map<String, JsonNode> results = putfile(furl, List.of("sub/dir/file.txt", "escape/x", "escape/victim.txt",
                "a/../../x", "sub/../x", "/etc/x", "a//b", "sub/"));

        assertTrue(results.get("sub/dir/file.txt").get("ok").asBoolean(), results::toString);
        assertEquals("uploaded as sub/dir/file.txt", Files.readString(arena.target().resolve("sub/dir/file.txt")));
        assertRefused(results, "escape/x", "symbolic link");
        assertRefused(results, "escape/victim.txt", "symbolic link");
        assertRefused(results, "a/../../x", "'..' component");
        assertRefused(results, "sub/../x", "'..' component");
        assertRefused(results, "/etc/x", "absolute path");
        assertRefused(results, "a//b", "empty path component");
        assertRefused(results, "sub/", "empty path component");
        assertEquals(before, arena.outsideSnapshot(tmp.resolve("arena")), "nothing outside the target changed");
        assertFalse(Files.exists(arena.target().resolve("a")), "no directory made for a refused name");
    }

    @Test
    void uploadingOverASymlinkReplacesTheLinkNotWhatItPointsTo() throws Exception {
        Arena arena = arena();
        Map<String, String> before = arena.outsideSnapshot(tmp.resolve("arena"));
        String furl = add("upload-file", arena.target().toString());

        Map<String, JsonNode> results = putfile(furl, List.of("victimlink", "p"));

        assertTrue(results.get("victimlink").get("ok").asBoolean(), results::toString);
        assertTrue(results.get("p").get("ok").asBoolean(), "a planted p.partial link is replaced: " + results);
        assertEquals(before, arena.outsideSnapshot(tmp.resolve("arena")), "the link targets are untouched");
        assertFalse(Files.isSymbolicLink(arena.target().resolve("victimlink")));
        assertEquals("uploaded as victimlink", Files.readString(arena.target().resolve("victimlink")));
        assertEquals("uploaded as p", Files.readString(arena.target().resolve("p")));
        assertFalse(Files.exists(arena.target().resolve("p.partial"), LinkOption.NOFOLLOW_LINKS));
    }

    /** A name for an assertion message: NUL shown as \\0, the empty name as (empty). */
    private static String show(String name) {
        return name.isEmpty() ? "(empty)" : name.replace("\0", "\\0");
    }
}
