package org.flapp.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * flappclient (in-process, real RPC engine) against the real Python flappserver of Foolscap
 * 21.7.0: both services, every option, and the errors a person meets.
 */
class PythonServerInteropTest {
    @TempDir
    static Path work;

    private static PythonFlappServer server;
    private static Path uploadDir;
    private static String uploadFurl;
    private static String outputFurl;
    private static String signalFurl;
    private static String stdinFurl;
    private static final java.util.Map<Integer, String> exitFurls = new java.util.HashMap<>();

    @BeforeAll
    static void startServer() throws Exception {
        if (!PythonFlappServer.peerInstalled()) {
            return; // each test is then skipped (or failed under CI) by needsThePeer
        }
        server = PythonFlappServer.create(work);
        uploadDir = Files.createDirectory(work.resolve("uploads"));
        Path commandDir = Files.createDirectory(work.resolve("commands"));
        uploadFurl = server.add("upload-file", uploadDir.toString());
        outputFurl = server.add("run-command", commandDir.toString(), "sh", "-c",
                "printf 'out1\\n'; sleep 0.3; printf 'err1\\n' >&2; sleep 0.3; printf 'out2\\n'; exit 0");
        for (int code : new int[] {0, 1, 7, 42}) {
            exitFurls.put(code, server.add("run-command", commandDir.toString(), "sh", "-c", "exit " + code));
        }
        signalFurl = server.add("run-command", commandDir.toString(), "sh", "-c", "echo about to die; kill -9 $$");
        stdinFurl = server.add("run-command", "--accept-stdin", commandDir.toString(), "sha256sum");
        server.start();
    }

    @BeforeEach
    void needsThePeer() {
        PythonFlappServer.requirePeer();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static ClientRun client(String... args) {
        return ClientRun.run(new TubConnector(), args);
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void uploadsSeveralFilesInOneCall() throws Exception {
        Path src = Files.createDirectories(work.resolve("src1"));
        byte[] big = random(3 * 1024 * 1024 + 17, 1);
        Files.write(src.resolve("big.bin"), big);
        Files.writeString(src.resolve("small.txt"), "small\n");
        Files.writeString(src.resolve("vocab.txt"), "list");
        Files.write(src.resolve("empty"), new byte[0]);

        ClientRun run = client("--furl=" + uploadFurl, "upload-file", src.resolve("big.bin").toString(),
                src.resolve("small.txt").toString(), src.resolve("vocab.txt").toString(), src.resolve("empty").toString());

        assertEquals(0, run.status(), run::toString);
        assertEquals("big.bin: uploaded\nsmall.txt: uploaded\nvocab.txt: uploaded\nempty: uploaded\n", run.stdout());
        assertEquals("", run.stderr());
        assertArrayEquals(big, Files.readAllBytes(uploadDir.resolve("big.bin")));
        assertEquals("small\n", Files.readString(uploadDir.resolve("small.txt")));
        assertEquals("list", Files.readString(uploadDir.resolve("vocab.txt")));
        assertEquals(0, Files.size(uploadDir.resolve("empty")));
    }

    @Test
    void uploadsThroughAFurlfileWithComments() throws Exception {
        Path furlFile = Files.writeString(work.resolve("up.furl"), "# upload service\n\n" + uploadFurl + "\n");
        Path file = Files.writeString(work.resolve("via-furlfile.txt"), "via furlfile");
        ClientRun run = client("--furlfile", furlFile.toString(), "upload-file", file.toString());
        assertEquals(0, run.status(), run::toString);
        assertEquals("via furlfile", Files.readString(uploadDir.resolve("via-furlfile.txt")));
    }

    @Test
    void targetFilenameStoresUnderTheGivenName() throws Exception {
        Path file = Files.writeString(work.resolve("local-name.txt"), "renamed");
        ClientRun run = client("--furl=" + uploadFurl, "upload-file", "--quiet", "--target-filename=remote-name.txt",
                file.toString());
        assertEquals(0, run.status(), run::toString);
        assertEquals("remote-name.txt: uploaded\n", run.stdout());
        assertEquals("renamed", Files.readString(uploadDir.resolve("remote-name.txt")));
        assertFalse(Files.exists(uploadDir.resolve("local-name.txt")));
    }

    @Test
    void targetSubdirectoryIsRefusedByAPythonServerWithAClearMessage() throws Exception {
        Path file = Files.writeString(work.resolve("sub.txt"), "x");
        ClientRun run = client("--furl=" + uploadFurl, "upload-file", "--target-subdirectory=sub", file.toString());
        assertEquals(ExitStatus.FAILURE, run.status(), run::toString);
        assertTrue(run.stderr().startsWith("flappclient: error: the server refused the name 'sub/sub.txt'"
                + " (this service does not allow subdirectories)"), run::toString);
        assertEquals(1, run.stderr().lines().count(), run::toString);
    }

    @Test
    void runCommandKeepsStdoutAndStderrApartAndInOrder() {
        List<String> events = new ArrayList<>();
        PrintStream out = new PrintStream(new TaggedStream("out", events), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new TaggedStream("err", events), true, StandardCharsets.UTF_8);
        int status = FlappClient.run(new String[] {"--furl=" + outputFurl, "run-command"},
                new ClientIo(out, err, new ByteArrayInputStream(new byte[0]), false), new TubConnector());
        assertEquals(0, status, events::toString);
        assertEquals(List.of("out:out1\n", "err:err1\n", "out:out2\n"), events);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 42})
    void runCommandExitsWithTheCommandsStatus(int code) {
        ClientRun run = client("--furl=" + exitFurls.get(code), "run-command");
        assertEquals(code, run.status(), run::toString);
        assertEquals("", run.stderr());
    }

    @Test
    void commandKilledBySignalGives127() {
        ClientRun run = client("--furl=" + signalFurl, "run-command");
        assertEquals(ExitStatus.SIGNALLED, run.status(), run::toString);
        assertEquals("about to die\n", run.stdout());
    }

    @Test
    void stdinIsNotReadWhenTheServiceDoesNotAcceptIt() {
        ByteArrayInputStream stdin = new ByteArrayInputStream("keep me".getBytes(StandardCharsets.UTF_8));
        ClientRun run = ClientRun.run(new TubConnector(), stdin, "--furl=" + exitFurls.get(0), "run-command");
        assertEquals(0, run.status(), run::toString);
        assertEquals(7, stdin.available());
    }

    @Test
    void streamsTwentyMebibytesOfStdinIntact() throws Exception {
        byte[] input = random(20 * 1024 * 1024, 3);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input));
        ClientRun run = ClientRun.run(new TubConnector(), new ByteArrayInputStream(input),
                "--furl=" + stdinFurl, "run-command");
        assertEquals(0, run.status(), run::toString);
        assertEquals(expected + "  -\n", run.stdout());
    }

    @Test
    void runCommandOnAnUploadServiceSaysItIsTheWrongType() {
        ClientRun run = client("--furl=" + uploadFurl, "run-command");
        assertEquals(ExitStatus.FAILURE, run.status(), run::toString);
        assertEquals("flappclient: error: this FURL is not a run-command service (the server has no 'execute' method)\n",
                run.stderr());
    }

    @Test
    void uploadOnARunCommandServiceSaysItIsTheWrongType() throws Exception {
        Path file = Files.writeString(work.resolve("wrong-type.txt"), "x");
        ClientRun run = client("--furl=" + outputFurl, "upload-file", file.toString());
        assertEquals(ExitStatus.FAILURE, run.status(), run::toString);
        assertEquals("flappclient: error: this FURL is not an upload-file service (the server has no 'putfile' method)\n",
                run.stderr());
    }

    @Test
    void unknownSwissnumIsReported() {
        String furl = uploadFurl.substring(0, uploadFurl.lastIndexOf('/') + 1) + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        ClientRun run = client("--furl=" + furl, "run-command");
        assertEquals(ExitStatus.FAILURE, run.status(), run::toString);
        assertTrue(run.stderr().startsWith("flappclient: error: the server at tcp:127.0.0.1:" + server.port()
                + " has no service with this FURL's secret name (unknown swissnum)"), run::toString);
        assertEquals(1, run.stderr().lines().count(), run::toString);
    }

    @Test
    void wrongTubIdIsReported() {
        String furl = "pb://bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" + uploadFurl.substring(uploadFurl.indexOf('@'));
        ClientRun run = client("--furl=" + furl, "run-command");
        assertEquals(ExitStatus.FAILURE, run.status(), run::toString);
        assertTrue(run.stderr().startsWith("flappclient: error: the server at tcp:127.0.0.1:" + server.port()
                + " is not the Tub this FURL names (wrong TubID)"), run::toString);
        assertEquals(1, run.stderr().lines().count(), run::toString);
    }

    /** Records each write as "tag:text", so the order across stdout and stderr can be checked. */
    private static final class TaggedStream extends OutputStream {
        private final String tag;
        private final List<String> events;

        TaggedStream(String tag, List<String> events) {
            this.tag = tag;
            this.events = events;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (events) {
                events.add(tag + ":" + new String(b, off, len, StandardCharsets.UTF_8));
            }
        }
    }
}
