package org.flapp.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.flapp.rpc.DeadReferenceException;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.RemoteException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * upload-file against a fake upload service that pulls each file with read(1 MiB) calls, as
 * Python's server does, and stores what it got.
 */
class UploadCommandTest {
    private static final String FURL = "pb://fwhjwcytzdzbijbpnca627vyrj6tdppr@tcp:127.0.0.1:41010/slgx4yygltbxcm7ev73zzuamkfepamly";
    private static final int BLOCK = 1024 * 1024;

    @TempDir
    Path dir;

    /** What the fake server received: name to content, and the size of every read answer. */
    private final Map<String, byte[]> received = new LinkedHashMap<>();
    private final List<Integer> answerSizes = new ArrayList<>();

    /** Pulls the whole file like Python's FileUploaderReader, on the fake call executor. */
    private Object putfile(List<Object> args) {
        String name = new String((byte[]) args.get(0), StandardCharsets.UTF_8);
        Referenceable source = (Referenceable) args.get(1);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        while (true) {
            byte[] block = (byte[]) FakeService.invokeQuietly(source, "read", (long) BLOCK);
            answerSizes.add(block.length);
            if (block.length == 0) {
                break;
            }
            content.writeBytes(block);
        }
        received.put(name, content.toByteArray());
        return null;
    }

    private FakeService uploadService() {
        return new FakeService(Map.of("putfile", this::putfile));
    }

    private Path file(String name, byte[] content) throws Exception {
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void uploadsEachFileUnderItsBasenameAndPrintsUploaded() throws Exception {
        byte[] big = randomBytes(1_200_000, 1);
        Path bigFile = file("big.bin", big);
        Path small = file("small.txt", "hello\n".getBytes(StandardCharsets.UTF_8));
        Path empty = file("empty", new byte[0]);
        FakeService service = uploadService();

        ClientRun run = ClientRun.run(service.connector(), "--furl=" + FURL, "upload-file",
                bigFile.toString(), small.toString(), empty.toString());

        assertEquals(0, run.status(), run::toString);
        assertEquals("big.bin: uploaded\nsmall.txt: uploaded\nempty: uploaded\n", run.stdout());
        assertEquals("", run.stderr());
        assertEquals(List.of("big.bin", "small.txt", "empty"), new ArrayList<>(received.keySet()));
        assertArrayEquals(big, received.get("big.bin"));
        assertEquals("hello\n", new String(received.get("small.txt"), StandardCharsets.UTF_8));
        assertEquals(0, received.get("empty").length);
        // as in the Python capture: 1 MiB, the rest, then empty bytes for end of file
        assertEquals(List.of(BLOCK, 1_200_000 - BLOCK, 0, 6, 0, 0), answerSizes);
        assertTrue(service.closed, "the connection is released at the end");
    }

    @Test
    void sendsNamesAsUtf8Bytes() throws Exception {
        Path file = file("grüße.txt", new byte[] {1, 2, 3});
        FakeService service = uploadService();
        ClientRun run = ClientRun.run(service.connector(), "--furl=" + FURL, "upload-file", file.toString());
        assertEquals(0, run.status(), run::toString);
        assertEquals("grüße.txt: uploaded\n", run.stdout());
        Object sentName = service.calls().get(0).args().get(0);
        assertArrayEquals("grüße.txt".getBytes(StandardCharsets.UTF_8), (byte[]) sentName);
    }

    @Test
    void targetFilenameRenamesTheSingleFile() throws Exception {
        Path file = file("local.txt", new byte[] {42});
        ClientRun run = ClientRun.run(uploadService().connector(), "--furl=" + FURL, "upload-file",
                "--target-filename", "remote.txt", file.toString());
        assertEquals(0, run.status(), run::toString);
        assertEquals("remote.txt: uploaded\n", run.stdout());
        assertEquals(List.of("remote.txt"), new ArrayList<>(received.keySet()));
    }

    @Test
    void targetSubdirectoryPrefixesEveryName() throws Exception {
        Path a = file("a.txt", new byte[] {1});
        Path b = file("b.txt", new byte[] {2});
        ClientRun run = ClientRun.run(uploadService().connector(), "--furl=" + FURL, "upload-file",
                "--target-subdirectory=logs/2024/", a.toString(), b.toString());
        assertEquals(0, run.status(), run::toString);
        assertEquals("logs/2024/a.txt: uploaded\nlogs/2024/b.txt: uploaded\n", run.stdout());
        assertEquals(List.of("logs/2024/a.txt", "logs/2024/b.txt"), new ArrayList<>(received.keySet()));
    }

    @Test
    void targetFilenameWithSeveralFilesIsAUsageError() throws Exception {
        Path a = file("a.txt", new byte[] {1});
        Path b = file("b.txt", new byte[] {2});
        ClientRun run = ClientRun.run(ClientRun.NO_CONNECTION, "--furl=" + FURL, "upload-file",
                "--target-filename=x", a.toString(), b.toString());
        assertEquals(ExitStatus.USAGE, run.status(), run::toString);
        assertTrue(run.stderr().startsWith("flappclient: error: --target-filename needs exactly one SOURCEFILE"),
                run::toString);
    }

    @Test
    void targetNamesThatEscapeTheDirectoryAreUsageErrors() throws Exception {
        Path a = file("a.txt", new byte[] {1});
        for (String[] options : new String[][] {
            {"--target-filename=../x"}, {"--target-filename=sub/x"}, {"--target-filename=.."},
            {"--target-subdirectory=/etc"}, {"--target-subdirectory=a/../.."}, {"--target-subdirectory=a//b"},
        }) {
            List<String> args = new ArrayList<>(List.of("--furl=" + FURL, "upload-file"));
            args.addAll(List.of(options));
            args.add(a.toString());
            ClientRun run = ClientRun.run(ClientRun.NO_CONNECTION, args.toArray(String[]::new));
            assertEquals(ExitStatus.USAGE, run.status(), () -> String.join(" ", options) + ": " + run);
        }
    }

    @Test
    void missingSourceFileFailsBeforeConnecting() throws Exception {
        Path present = file("present.txt", new byte[] {1});
        ClientRun run = ClientRun.run(ClientRun.NO_CONNECTION, "--furl=" + FURL, "upload-file",
                present.toString(), "no-such-file.txt");
        assertEquals(ExitStatus.FAILURE, run.status(), run::toString);
        assertEquals("flappclient: error: cannot read source file no-such-file.txt: no such file\n", run.stderr());
        assertEquals("", run.stdout());
    }

    @Test
    void directoryAsSourceFailsBeforeConnecting() {
        ClientRun run = ClientRun.run(ClientRun.NO_CONNECTION, "--furl=" + FURL, "upload-file", dir.toString());
        assertEquals(ExitStatus.FAILURE, run.status(), run::toString);
        assertEquals("flappclient: error: cannot upload " + dir + ": it is a directory\n", run.stderr());
    }

    @Test
    void unreadableSourceFailsBeforeConnecting() throws Exception {
        Path secret = file("secret.txt", new byte[] {1});
        assertTrue(secret.toFile().setReadable(false, false));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(secret), "running as a user who reads anything");
        ClientRun run = ClientRun.run(ClientRun.NO_CONNECTION, "--furl=" + FURL, "upload-file", secret.toString());
        assertEquals(ExitStatus.FAILURE, run.status(), run::toString);
        assertTrue(run.stderr().contains("permission denied"), run::toString);
    }

    @Test
    void serviceWithoutPutfileIsReportedAsTheWrongServiceType() throws Exception {
        Path a = file("a.txt", new byte[] {1});
        FakeService runCommandService = new FakeService(Map.of("execute", args -> null));
        ClientRun run = ClientRun.run(runCommandService.connector(), "--furl=" + FURL, "upload-file", a.toString());
        assertEquals(ExitStatus.FAILURE, run.status(), run::toString);
        assertEquals("flappclient: error: this FURL is not an upload-file service"
                + " (the server has no 'putfile' method)\n", run.stderr());
    }

    @Test
    void remoteFailureIsOneLineWithTheRemoteTypeAndStopsTheSequence() throws Exception {
        Path a = file("a.txt", new byte[] {1});
        Path b = file("b.txt", new byte[] {2});
        FakeService service = new FakeService(Map.of("putfile", args -> {
            String name = new String((byte[]) args.get(0), StandardCharsets.UTF_8);
            if (name.equals("b.txt")) {
                throw new RemoteException("builtins.OSError", "[Errno 28] No space left on device:\n'b.txt'");
            }
            return null;
        }));
        ClientRun run = ClientRun.run(service.connector(), "--furl=" + FURL, "upload-file", a.toString(), b.toString());
        assertEquals(ExitStatus.FAILURE, run.status(), run::toString);
        assertEquals("a.txt: uploaded\n", run.stdout());
        assertEquals("flappclient: error: uploading " + b + " failed on the server: builtins.OSError:"
                + " [Errno 28] No space left on device: 'b.txt'\n", run.stderr());
    }

    @Test
    void insecurePathFromTheServerSaysSubdirectoriesAreNotAllowed() throws Exception {
        Path a = file("a.txt", new byte[] {1});
        FakeService service = new FakeService(Map.of("putfile", args -> {
            throw new RemoteException("twisted.python.filepath.InsecurePath",
                    "'sub/a.txt' contains one or more directory separators");
        }));
        ClientRun run = ClientRun.run(service.connector(), "--furl=" + FURL, "upload-file",
                "--target-subdirectory=sub", a.toString());
        assertEquals(ExitStatus.FAILURE, run.status(), run::toString);
        assertEquals("flappclient: error: the server refused the name 'sub/a.txt' (this service does not allow"
                + " subdirectories): 'sub/a.txt' contains one or more directory separators\n", run.stderr());
    }

    @Test
    void connectionLostMidTransferIsReported() throws Exception {
        Path a = file("a.bin", randomBytes(3 * BLOCK, 2));
        FakeService[] holder = new FakeService[1];
        holder[0] = new FakeService(Map.of("putfile", args -> {
            FakeService.invokeQuietly((Referenceable) args.get(1), "read", (long) BLOCK);
            return CompletableFuture.failedFuture(new DeadReferenceException(
                    "Connection was lost (to tubid=fwhj) (during method=:putfile)"));
        }));
        ClientRun run = ClientRun.run(holder[0].connector(), "--furl=" + FURL, "upload-file", a.toString());
        assertEquals(ExitStatus.FAILURE, run.status(), run::toString);
        assertEquals("flappclient: error: the connection to the server was lost while uploading " + a + "\n",
                run.stderr());
    }
}
