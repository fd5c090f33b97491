package org.flapp.services.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flapp.services.options.UploadFileOptions;
import org.flapp.services.testing.Calls;
import org.flapp.services.testing.Eventually;
import org.flapp.services.testing.FakeReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code .partial} file is private from its first byte, whatever mode the service gives files. */
class PartialFileModeTest {
    @TempDir
    Path tmp;
    private final ExecutorService io = Executors.newFixedThreadPool(2);

    /**
     * Answers the first read with data, holds the others until the test lets them end the file;
     * counts down when the read after the first block arrives (reads are pipelined:
     * {@link UploadTransfer#WINDOW} go out before any answer, and the next one goes out before the
     * block that came is written, so the test then waits for the write itself).
     */
    private static final class HeldSource extends FakeReference {
        final CountDownLatch readAfterFirstBlock = new CountDownLatch(1);
        final CompletableFuture<Object> end = new CompletableFuture<>();
        private int reads;

        @Override
        protected synchronized Object answer(String method, Object[] args) {
            if (++reads == 1) {
                return "first block".getBytes(StandardCharsets.UTF_8);
            }
            if (reads == UploadTransfer.WINDOW + 1) {
                readAfterFirstBlock.countDown();
            }
            return end;
        }

        @Override
        protected void receiveOnly(String method, Object[] args) {}
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        io.shutdown();
        assertTrue(io.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void thePartialFileIsOwnerOnlyUntilTheFinalModeIsGivenAtTheRename() throws Exception {
        Path target = Files.createDirectory(tmp.resolve("target"));
        FileUploadService service = new FileUploadService(
                UploadFileOptions.parse(List.of("--mode=0644", target.toString()), tmp), io, new ActiveUploads(),
                new UploadBudget(UploadBudget.DEFAULT_BLOCKS));
        try (HeldSource source = new HeldSource()) {
            CompletableFuture<Object> result = Calls.call(service, "putfile", "f".getBytes(StandardCharsets.UTF_8),
                    source);
            assertTrue(source.readAfterFirstBlock.await(30, TimeUnit.SECONDS), "the upload got its first block");
            Path partial = target.resolve("f.partial");
            Eventually.await(() -> sizeOf(partial) == "first block".length(), "the first block written");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(partial)),
                    "while the upload runs");
            assertEquals("first block", Files.readString(partial));

            source.end.complete(new byte[0]);
            assertNull(result.get(30, TimeUnit.SECONDS));
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("f"))));
            try (Stream<Path> files = Files.list(target)) {
                assertEquals(List.of(target.resolve("f")), files.toList(), "no partial file left");
            }
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
