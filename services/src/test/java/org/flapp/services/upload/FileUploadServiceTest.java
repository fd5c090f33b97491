package org.flapp.services.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flapp.rpc.DeadReferenceException;
import org.flapp.rpc.RemoteException;
import org.flapp.rpc.RemoteReference;
import org.flapp.services.testing.FakeReference;
import org.flapp.services.BadServiceArguments;
import org.flapp.services.options.UploadFileOptions;
import org.flapp.services.testing.Calls;
import org.flapp.services.testing.Eventually;
import org.flapp.services.testing.FileSource;
import org.flapp.services.testing.ReadCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileUploadServiceTest {
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path tmp;
    Path target;
    Path outside;
    ExecutorService io;
    ActiveUploads active;
    UploadBudget budget;
    final List<FileSource> sources = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        target = Files.createDirectory(tmp.resolve("target"));
        outside = Files.createDirectory(tmp.resolve("outside"));
        io = Executors.newFixedThreadPool(4);
        active = new ActiveUploads();
        budget = new UploadBudget(UploadBudget.DEFAULT_BLOCKS);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        sources.forEach(FileSource::close);
        io.shutdown();
        assertTrue(io.awaitTermination(10, TimeUnit.SECONDS));
    }

    private FileUploadService service(String... args) throws BadServiceArguments {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(target.toString());
        return new FileUploadService(UploadFileOptions.parse(all, tmp), io, active, budget);
    }

    private Path localFile(String name, int size, long seed) throws IOException {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return Files.write(tmp.resolve(name), data);
    }

    private FileSource track(FileSource source) {
        sources.add(source);
        return source;
    }

    private Object upload(FileUploadService service, Object name, RemoteReference source) throws Exception {
        try {
            return Calls.call(service, "putfile", name, source).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private void assertNoPartialFiles() throws IOException {
        try (Stream<Path> all = Files.walk(tmp)) {
            assertEquals(List.of(), all.filter(p -> p.toString().endsWith(".partial")).toList());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, MIB - 1, MIB, MIB + 1, 3 * MIB + 17})
    void uploadsFilesOfEverySizeByteForByte(int size) throws Exception {
        Path local = localFile("local.bin", size, size);
        FileSource source = track(FileSource.of(local));

        assertNull(upload(service(), "copy.bin".getBytes(StandardCharsets.UTF_8), source));

        assertArrayEquals(Files.readAllBytes(local), Files.readAllBytes(target.resolve("copy.bin")));
        assertEquals(size / MIB + (size % MIB == 0 ? 0 : 1) + UploadTransfer.WINDOW, source.reads(),
                "one read per started MiB, the empty one, and the ones still outstanding at the end");
        assertEquals(MIB, source.largestRequest());
        assertNoPartialFiles();
        assertEquals(0, budget.inFlight(), "every block given back to the budget");
    }

    @Test
    void uploadsFiftyMebibytesWithABoundedWindowOfReads() throws Exception {
        Path local = localFile("big.bin", 50 * MIB, 50);
        FileSource source = track(FileSource.of(local));

        upload(service(), "big.bin".getBytes(StandardCharsets.UTF_8), source);

        assertEquals(-1, Files.mismatch(local, target.resolve("big.bin")));
        assertEquals(UploadTransfer.WINDOW, source.maxReadsInFlight(), "reads pipelined, never more than the window");
        assertEquals(MIB, source.largestRequest(), "no block bigger than 1 MiB is ever asked for");
    }

    @Test
    void givesTheFileTheDefaultMode0644() throws Exception {
        upload(service(), "f", track(FileSource.of(localFile("l", 10, 1))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("f"))));
    }

    @Test
    void givesTheFileTheConfiguredMode() throws Exception {
        upload(service("--mode=0600"), "f", track(FileSource.of(localFile("l", 10, 1))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("f"))));
        upload(service("--mode", "0755"), "g", track(FileSource.of(localFile("l", 10, 1))));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("g"))));
    }

    @Test
    void replacesAnExistingFile() throws Exception {
        Files.writeString(target.resolve("f"), "old contents");
        Path local = localFile("l", 5000, 2);
        upload(service(), "f", track(FileSource.of(local)));
        assertEquals(-1, Files.mismatch(local, target.resolve("f")));
    }

    @Test
    void failureMidTransferRemovesThePartialFileAndKeepsTheEarlierFile() throws Exception {
        Files.writeString(target.resolve("f"), "earlier version");
        FileSource source = track(FileSource.failingAfter(localFile("l", 3 * MIB, 3), 2L * MIB));

        RemoteException e = assertThrows(RemoteException.class, () -> upload(service(), "f", source));

        assertEquals("disk on fire", e.value());
        assertEquals("earlier version", Files.readString(target.resolve("f")));
        assertNoPartialFiles();
        assertEquals(0, active.size());
        assertEquals(0, budget.inFlight(), "the failed block given back to the budget");
    }

    @Test
    void lostConnectionMidTransferRemovesThePartialFileAndKeepsTheEarlierFile() throws Exception {
        Files.writeString(target.resolve("f"), "earlier version");
        FileSource source = track(FileSource.disconnectingAfter(localFile("l", 3 * MIB, 3), MIB));

        assertThrows(DeadReferenceException.class, () -> upload(service(), "f", source));

        assertEquals("earlier version", Files.readString(target.resolve("f")));
        assertNoPartialFiles();
        assertEquals(0, budget.inFlight(), "the block of the lost read given back to the budget");
    }

    @Test
    void refusesANonBytesAnswerToRead() throws Exception {
        try (OddSource odd = new OddSource()) {
            RemoteException e = assertThrows(RemoteException.class, () -> upload(service(), "f", odd));
            assertEquals("builtins.TypeError", e.type());
        }
        assertFalse(Files.exists(target.resolve("f")));
        assertNoPartialFiles();
    }

    /** A source whose read() answers a str: a misbehaving client. */
    private static final class OddSource extends FakeReference {
        @Override
        protected Object answer(String method, Object[] args) {
            return "text, not bytes";
        }

        @Override
        protected void receiveOnly(String method, Object[] args) {
            throw new AssertionError(method);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "/etc/passwd", "a/b", "../x", "x/..", "nul\0byte", "a//b", "/"})
    void refusesNamesThatAreNotAPlainChildOfTheTargetDirectory(String name) throws Exception {
        FileSource source = track(FileSource.of(localFile("l", 10, 1)));
        RemoteException e = assertThrows(RemoteException.class,
                () -> upload(service(), name.getBytes(StandardCharsets.UTF_8), source));
        assertEquals("twisted.python.filepath.InsecurePath", e.type());
        assertTrue(e.value().startsWith("upload name '"), e.value());
        assertEquals(0, source.reads(), "nothing is read for a refused name");
        try (Stream<Path> left = Files.list(target)) {
            assertEquals(0, left.count());
        }
        try (Stream<Path> left = Files.list(outside)) {
            assertEquals(0, left.count());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "/abs/x", "a/../../x", "a/./b", "../x", "a/..", "a//b", "a/b/", "nul\0/x"})
    void refusesBadComponentsEvenWithSubdirectories(String name) throws Exception {
        FileSource source = track(FileSource.of(localFile("l", 10, 1)));
        RemoteException e = assertThrows(RemoteException.class,
                () -> upload(service("--allow-subdirectories"), name.getBytes(StandardCharsets.UTF_8), source));
        assertEquals("twisted.python.filepath.InsecurePath", e.type());
    }

    @Test
    void refusesInvalidUtf8Names() throws Exception {
        FileSource source = track(FileSource.of(localFile("l", 10, 1)));
        RemoteException e = assertThrows(RemoteException.class,
                () -> upload(service(), new byte[] {'a', (byte) 0xff}, source));
        assertEquals("twisted.python.filepath.InsecurePath", e.type());
    }

    @Test
    void createsSubdirectoriesWhenAllowed() throws Exception {
        Path local = localFile("l", 1000, 4);
        upload(service("--allow-subdirectories"), "a/b/c.txt".getBytes(StandardCharsets.UTF_8),
                track(FileSource.of(local)));
        assertEquals(-1, Files.mismatch(local, target.resolve("a/b/c.txt")));
        upload(service("--allow-subdirectories"), "a/d.txt", track(FileSource.of(local)));
        assertTrue(Files.isRegularFile(target.resolve("a/d.txt")));
    }

    @Test
    void refusesToFollowASymlinkedSubdirectoryOutOfTheTarget() throws Exception {
        Files.createSymbolicLink(target.resolve("escape"), outside);
        FileSource source = track(FileSource.of(localFile("l", 10, 1)));

        RemoteException e = assertThrows(RemoteException.class,
                () -> upload(service("--allow-subdirectories"), "escape/evil", source));

        assertEquals("twisted.python.filepath.InsecurePath", e.type());
        assertTrue(e.value().contains("symbolic link"), e.value());
        try (Stream<Path> left = Files.list(outside)) {
            assertEquals(0, left.count(), "nothing was written outside");
        }
    }

    @Test
    void refusesASubdirectoryPathThroughAnExistingFile() throws Exception {
        Files.writeString(target.resolve("plain"), "x");
        RemoteException e = assertThrows(RemoteException.class, () -> upload(
                service("--allow-subdirectories"), "plain/x", track(FileSource.of(localFile("l", 1, 1)))));
        assertEquals("builtins.NotADirectoryError", e.type());
    }

    @Test
    void aSymlinkPlantedAsThePartialFileIsReplacedNotFollowed() throws Exception {
        Path victim = Files.writeString(outside.resolve("victim"), "precious");
        Files.createSymbolicLink(target.resolve("f.partial"), victim);
        Path local = localFile("l", 100, 5);

        upload(service(), "f", track(FileSource.of(local)));

        assertEquals("precious", Files.readString(victim));
        assertEquals(-1, Files.mismatch(local, target.resolve("f")));
    }

    @Test
    void aSymlinkAtTheFinalNameIsReplacedNotWrittenThrough() throws Exception {
        Path victim = Files.writeString(outside.resolve("victim"), "precious");
        Files.createSymbolicLink(target.resolve("f"), victim);

        upload(service(), "f", track(FileSource.of(localFile("l", 100, 5))));

        assertEquals("precious", Files.readString(victim));
        assertFalse(Files.isSymbolicLink(target.resolve("f")));
    }

    @Test
    void refusesASecondUploadOfTheSameNameWhileTheFirstRuns() throws Exception {
        FileUploadService service = service();
        Path local = localFile("l", 10, 1);
        FileSource stuck = track(FileSource.disconnectingAfter(local, 0));
        active.claim(target.toRealPath().resolve("f.partial"));  // as if an upload were running
        RemoteException e = assertThrows(RemoteException.class, () -> upload(service, "f", stuck));
        assertEquals("builtins.FileExistsError", e.type());
        assertEquals(0, stuck.reads());
    }

    @Test
    void runsTwentyUploadsAtOnce() throws Exception {
        FileUploadService service = service();
        List<Path> locals = new ArrayList<>();
        List<CompletableFuture<Object>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Path local = localFile("l" + i, MIB + i * 1000, i);
            locals.add(local);
            results.add(Calls.call(service, "putfile", ("file" + i).getBytes(StandardCharsets.UTF_8),
                    track(FileSource.of(local))));
        }
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        for (int i = 0; i < 20; i++) {
            assertEquals(-1, Files.mismatch(locals.get(i), target.resolve("file" + i)), "file" + i);
        }
        assertNoPartialFiles();
        assertEquals(0, active.size());
    }

    @Test
    void uploadsAtOnceShareTheBudgetAndAllCompleteWithOneBlockForAll() throws Exception {
        budget = new UploadBudget(1);
        FileUploadService service = service();
        ReadCounter acrossSources = new ReadCounter();
        List<Path> locals = new ArrayList<>();
        List<CompletableFuture<Object>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Path local = localFile("l" + i, 2 * MIB + i * 1000, i);
            locals.add(local);
            results.add(Calls.call(service, "putfile", ("file" + i).getBytes(StandardCharsets.UTF_8),
                    track(FileSource.counting(local, acrossSources))));
        }
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        for (int i = 0; i < 6; i++) {
            assertEquals(-1, Files.mismatch(locals.get(i), target.resolve("file" + i)), "file" + i);
        }
        assertEquals(1, acrossSources.maxInFlight(), "one read at a time across all uploads");
        assertEquals(0, budget.inFlight());
        assertEquals(0, budget.waiting());
    }

    @Test
    void sourcesThatNeverAnswerTheirReadsDoNotStopABystandersUpload() throws Exception {
        // more silent holders than the budget has blocks: each sits on its first read for good
        budget = new UploadBudget(2, Duration.ofMillis(200));
        FileUploadService service = service();
        List<CompletableFuture<Object>> silent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            silent.add(Calls.call(service, "putfile", ("silent" + i).getBytes(StandardCharsets.UTF_8),
                    new SilentSource()));
        }
        Path local = localFile("bystander", 3 * MIB + 7, 42);

        assertNull(upload(service, "bystander", track(FileSource.of(local))));

        assertEquals(-1, Files.mismatch(local, target.resolve("bystander")));
        silent.forEach(result -> assertFalse(result.isDone(), "the silent uploads are still waiting"));
        // the third silent upload got a block when the first two's grace ran out, and sits on it
        // in turn: every block comes back once no silent read is within its grace any more
        Eventually.await(() -> budget.inFlight() == 0 && budget.waiting() == 0,
                "the silent reads' blocks given back after the grace");
    }

    /** A client's source that never answers a read (its connection stays up). */
    private static final class SilentSource extends FakeReference {
        @Override
        protected Object answer(String method, Object[] args) {
            return new CompletableFuture<>();
        }

        @Override
        protected void receiveOnly(String method, Object[] args) {
            throw new AssertionError(method);
        }
    }

    @Test
    void refusesACallWithoutSource() throws Exception {
        CompletableFuture<Object> result = Calls.call(service(), "putfile", "f".getBytes(StandardCharsets.UTF_8));
        ExecutionException e = assertThrows(ExecutionException.class, () -> result.get(5, TimeUnit.SECONDS));
        assertInstanceOf(org.flapp.rpc.ViolationException.class, e.getCause());
    }
}
