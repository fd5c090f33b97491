package org.flapp.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flapp.client.InProcessClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our flappclient (in this JVM, through {@link InProcessClient}) against our flappserver (in this
 * JVM: {@link RunningServer} over a directory made by our {@code create} and {@code add}), over
 * real loopback sockets; the run-command services start real processes. Covers uploads (several
 * files, target name and subdirectory), the client's errors for a wrong service type, an unknown
 * swissnum, a wrong TubID and a dead port, and run-command's streams, exit statuses and stdin.
 * (Python's flappclient against our server is {@link EndToEndTest}.)
 */
@Timeout(60)
class ClientServerEndToEndTest {
    private static final Pattern FURL_PARTS = Pattern.compile("pb://([a-z2-7]+)@([^/]+)/(\\S+)");

    @TempDir
    Path tmp;

    private InProcessServer server;

    @BeforeEach
    void startServer() throws Exception {
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

    /** Runs our flappclient in this JVM with an empty stdin. */
    private static CliRun client(String... args) {
        return client(new ByteArrayInputStream(new byte[0]), args);
    }

    private static CliRun client(InputStream stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = InProcessClient.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), stdin);
        return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static CliRun runCommand(String furl) {
        return client("--furl", furl, "run-command");
    }

    private static void assertFailsWith(CliRun run, String... phrases) {
        assertNotEquals(0, run.status(), run::toString);
        assertEquals("", run.out(), run::toString);
        assertTrue(run.err().startsWith("flappclient: error: "), run::toString);
        for (String phrase : phrases) {
            assertTrue(run.err().contains(phrase), () -> "missing '" + phrase + "' in\n" + run);
        }
    }

    private static List<String> namesIn(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    // ---- upload-file ------------------------------------------------------------------------

    @Test
    void uploadsSeveralFilesInOneCallUnderTheirBaseNames() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("up"));
        String furl = add("upload-file", target.toString());
        Path a = Files.writeString(tmp.resolve("a.txt"), "first\n");
        byte[] blob = new byte[2 * 1024 * 1024 + 5];  // several read() blocks
        new Random(7).nextBytes(blob);
        Path b = Files.write(tmp.resolve("b.bin"), blob);
        Path c = Files.writeString(Files.createDirectories(tmp.resolve("nested")).resolve("c.txt"), "third\n");

        CliRun up = client("--furl", furl, "upload-file", a.toString(), b.toString(), c.toString());

        assertEquals(new CliRun(0, "a.txt: uploaded\nb.bin: uploaded\nc.txt: uploaded\n", ""), up);
        assertEquals("first\n", Files.readString(target.resolve("a.txt")));
        assertArrayEquals(blob, Files.readAllBytes(target.resolve("b.bin")));
        assertEquals("third\n", Files.readString(target.resolve("c.txt")));
        assertEquals(List.of("a.txt", "b.bin", "c.txt"), namesIn(target), "no .partial files left behind");
    }

    @Test
    void targetFilenameStoresTheFileUnderTheGivenName() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("up"));
        String furl = add("upload-file", target.toString());
        Path source = Files.writeString(tmp.resolve("local-name.txt"), "renamed\n");

        CliRun up = client("--furl", furl, "upload-file", "--target-filename", "remote-name.txt", source.toString());

        assertEquals(0, up.status(), up::toString);
        assertTrue(up.out().contains("uploaded"), up::toString);
        assertEquals("renamed\n", Files.readString(target.resolve("remote-name.txt")));
        assertEquals(List.of("remote-name.txt"), namesIn(target));
    }

    @Test
    void targetSubdirectoryWorksOnlyWhereTheServiceAllowsSubdirectories() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("up"));
        Path source = Files.writeString(tmp.resolve("doc.txt"), "in a subdirectory\n");
        String allowing = add("upload-file", "--allow-subdirectories", target.toString());
        String flat = add("upload-file", target.toString());

        CliRun up = client("--furl", allowing, "upload-file", "--target-subdirectory", "sub/dir", source.toString());
        assertEquals(0, up.status(), up::toString);
        assertTrue(up.out().contains("doc.txt: uploaded"), up::toString);
        assertEquals("in a subdirectory\n", Files.readString(target.resolve("sub/dir/doc.txt")));

        CliRun refused = client("--furl", flat, "upload-file", "--target-subdirectory", "other", source.toString());
        assertFailsWith(refused, "refused", "other/doc.txt");
        assertFalse(Files.exists(target.resolve("other")), "no directory made for a refused name");
    }

    @Test
    void uploadingToARunCommandServiceSaysItIsNotAnUploadFileService() throws Exception {
        String furl = command(tmp.toString(), "true");
        Path source = Files.writeString(tmp.resolve("x.txt"), "x");
        assertFailsWith(client("--furl", furl, "upload-file", source.toString()), "not an upload-file service");
    }

    @Test
    void runningAnUploadFileServiceSaysItIsNotARunCommandService() throws Exception {
        String furl = add("upload-file", Files.createDirectories(tmp.resolve("up")).toString());
        assertFailsWith(runCommand(furl), "not a run-command service");
    }

    // ---- connection failures ----------------------------------------------------------------

    @Test
    void anUnknownSwissnumIsReportedAsSuch() throws Exception {
        String furl = add("upload-file", Files.createDirectories(tmp.resolve("up")).toString());
        Matcher m = FURL_PARTS.matcher(furl);
        assertTrue(m.matches(), furl);
        String unknown = "pb://" + m.group(1) + "@" + m.group(2) + "/" + "nosuchswissnumnosuchswissnum2345";
        assertFailsWith(runCommand(unknown), "unknown swissnum");
    }

    @Test
    void aServerWithAnotherTubIdIsRefusedBeforeAnythingIsSent() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("up"));
        String furl = add("upload-file", target.toString());
        Matcher m = FURL_PARTS.matcher(furl);
        assertTrue(m.matches(), furl);
        String tubId = m.group(1);
        String otherTubId = (tubId.charAt(0) == 'a' ? "b" : "a") + tubId.substring(1);
        String wrong = "pb://" + otherTubId + "@" + m.group(2) + "/" + m.group(3);
        Path source = Files.writeString(tmp.resolve("x.txt"), "x");

        CliRun run = client("--furl", wrong, "--connect-timeout", "10", "upload-file", source.toString());

        assertFailsWith(run, "wrong TubID");
        assertEquals(List.of(), namesIn(target));
    }

    @Test
    void aDeadPortIsReportedAsConnectionRefused() {
        String furl = command(tmp.toString(), "true");
        Matcher m = FURL_PARTS.matcher(furl);
        assertTrue(m.matches(), furl);
        int deadPort = PythonPeer.freePort();
        String dead = "pb://" + m.group(1) + "@tcp:127.0.0.1:" + deadPort + "/" + m.group(3);

        CliRun run = client("--furl", dead, "--connect-timeout", "10", "run-command");

        assertFailsWith(run, "127.0.0.1:" + deadPort, "connection refused");
    }

    // ---- run-command ------------------------------------------------------------------------

    @Test
    void stdoutAndStderrArriveSeparately() {
        String furl = command(tmp.toString(), "sh", "-c",
                "echo out1; echo err1 >&2; printf 'out2 no newline'; echo err2 >&2");
        assertEquals(new CliRun(0, "out1\nout2 no newline", "err1\nerr2\n"), runCommand(furl));
    }

    @Test
    void theClientExitsWithTheCommandsExitStatus() {
        for (int status : new int[] {0, 1, 7, 42, 137}) {
            String furl = command(tmp.toString(), "sh", "-c", "echo before exit; exit " + status);
            assertEquals(new CliRun(status, "before exit\n", ""), runCommand(furl), "exit " + status);
        }
    }

    @Test
    void aCommandKilledByASignalMakesTheClientExit127() {
        String furl = command(tmp.toString(), "sh", "-c", "echo dying; kill -9 $$");
        assertEquals(new CliRun(127, "dying\n", ""), runCommand(furl));
    }

    @Test
    void twentyMebibytesOfStdinReachTheCommandIntact() throws Exception {
        byte[] data = new byte[20 * 1024 * 1024];
        new Random(20).nextBytes(data);
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        String furl = command("--accept-stdin", tmp.toString(), "sha256sum");

        CliRun run = client(new ByteArrayInputStream(data), "--furl", furl, "run-command");

        assertEquals(new CliRun(0, digest + "  -\n", ""), run);
    }

    @Test
    void noStdoutKeepsTheCommandsOutputOnTheServer() {
        String furl = command("--no-stdout", tmp.toString(), "sh", "-c", "echo out; echo err >&2; exit 5");
        assertEquals(new CliRun(5, "", "err\n"), runCommand(furl));
    }
}
