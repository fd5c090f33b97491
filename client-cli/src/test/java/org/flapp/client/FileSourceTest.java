package org.flapp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.flapp.rpc.Arguments;
import org.flapp.rpc.ViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTest {
    @TempDir
    Path dir;

    private static int read(FileSource source, long size) throws Exception {
        return ((byte[]) FakeService.invoke(source, "read", size)).length;
    }

    /** {@code read(size)} whose answer counts as written only once {@code written} completes. */
    private static byte[] read(FileSource source, long size, CompletableFuture<Void> written) throws Exception {
        return (byte[]) source.remoteMethods().find("read").orElseThrow()
                .invoke(Arguments.of(List.of(size), Map.of(), "fakeserver", written));
    }

    @Test
    void answersAtMostTheSizeAskedThenEmptyAtEndOfFile() throws Exception {
        Path file = Files.write(dir.resolve("f"), new byte[10]);
        try (FileSource source = FileSource.open(file, ProgressBar.NONE)) {
            assertEquals(4, read(source, 4));
            assertEquals(4, read(source, 4));
            assertEquals(2, read(source, 4));
            assertEquals(0, read(source, 4));
            assertTrue(source.finished());
            assertEquals(0, read(source, 4), "reads after the end keep answering empty");
            assertEquals(10, source.bytesSent());
        }
    }

    @Test
    void hugeReadRequestsAreAnsweredInBoundedChunks() throws Exception {
        Path file = Files.write(dir.resolve("f"), new byte[FileSource.MAX_CHUNK + 10]);
        try (FileSource source = FileSource.open(file, ProgressBar.NONE)) {
            assertEquals(FileSource.MAX_CHUNK, read(source, Integer.MAX_VALUE * 4L));
            assertEquals(10, read(source, Integer.MAX_VALUE * 4L));
        }
    }

    @Test
    void negativeSizeIsAViolation() throws Exception {
        Path file = Files.write(dir.resolve("f"), new byte[1]);
        try (FileSource source = FileSource.open(file, ProgressBar.NONE)) {
            assertThrows(ViolationException.class, () -> read(source, -1));
        }
    }

    @Test
    void readAheadGivesExactlyWhatSequentialReadsWouldWhateverTheSizesAsked() throws Exception {
        byte[] content = new byte[3 * FileSource.MAX_CHUNK + 12345];
        new java.util.Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("f"), content);
        long[] sizes = {FileSource.MAX_CHUNK, 100, 0, FileSource.MAX_CHUNK, 5000, FileSource.MAX_CHUNK * 8L, 1, 70000};
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        try (FileSource source = FileSource.open(file, ProgressBar.NONE)) {
            for (int i = 0; !source.finished(); i++) {
                long size = sizes[i % sizes.length];
                CompletableFuture<Void> written = new CompletableFuture<>();
                byte[] block = read(source, size, written);
                int expected = (int) Math.min(Math.min(size, FileSource.MAX_CHUNK), content.length - got.size());
                assertEquals(expected, block.length, "answer " + i);
                got.writeBytes(block);
                written.complete(null);   // only now may its array hold another block
            }
            assertEquals(content.length, source.bytesSent());
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(content, got.toByteArray());
    }

    @Test
    void aBlockArrayHoldsTheNextBlocksOnlyOnceItsAnswerHasBeenWritten() throws Exception {
        byte[] content = new byte[5 * FileSource.MAX_CHUNK];
        new java.util.Random(11).nextBytes(content);
        Path file = Files.write(dir.resolve("f"), content);
        try (FileSource source = FileSource.open(file, ProgressBar.NONE)) {
            CompletableFuture<Void> firstWritten = new CompletableFuture<>();
            byte[] first = read(source, FileSource.MAX_CHUNK, firstWritten);
            byte[] firstCopy = first.clone();
            List<byte[]> later = new ArrayList<>();
            for (int i = 1; i < 5; i++) {
                if (i == 3) {
                    assertArrayEquals(firstCopy, first, "an answer's array stays as it was until it is written");
                    firstWritten.complete(null);
                }
                byte[] block = read(source, FileSource.MAX_CHUNK, new CompletableFuture<>());
                assertArrayEquals(Arrays.copyOfRange(content, i * FileSource.MAX_CHUNK, (i + 1) * FileSource.MAX_CHUNK),
                        block, "block " + i);
                later.add(block);
            }
            // blocks 1 and 2 were read (ahead, and awaited) while the first answer was unwritten;
            // block 3's read-ahead may have run before or after that answer was written
            assertNotSame(first, later.get(0), "block 1 must not reuse an unwritten answer's array");
            assertNotSame(first, later.get(1), "block 2 must not reuse an unwritten answer's array");
            assertArrayEquals(Arrays.copyOf(content, FileSource.MAX_CHUNK), firstCopy);
            assertTrue(first == later.get(2) ^ first == later.get(3),
                    "once written, the first block's array holds one later block");
        }
    }

    @Test
    void closeWhileReadingAheadLeavesNothingRunning() throws Exception {
        Path file = Files.write(dir.resolve("f"), new byte[4 * FileSource.MAX_CHUNK]);
        FileSource source = FileSource.open(file, ProgressBar.NONE);
        assertEquals(FileSource.MAX_CHUNK, read(source, FileSource.MAX_CHUNK));
        source.close();
        assertEquals(0, read(source, FileSource.MAX_CHUNK), "a closed source says no more");
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("flappclient-read-ahead")) {
                thread.join(5000);
                assertTrue(!thread.isAlive(), "the read-ahead thread ends after close");
            }
        }
    }

    @Test
    void aFileThatGrowsAfterItWasOpenedIsReadToItsNewEnd() throws Exception {
        Path file = Files.write(dir.resolve("f"), new byte[10]);
        try (FileSource source = FileSource.open(file, ProgressBar.NONE)) {
            Files.write(file, new byte[3 * FileSource.MAX_CHUNK], java.nio.file.StandardOpenOption.APPEND);
            long total = 0;
            for (int n; (n = read(source, FileSource.MAX_CHUNK)) > 0; ) {
                total += n;
            }
            assertEquals(10 + 3L * FileSource.MAX_CHUNK, total);
        }
    }

    @Test
    void aBlockIsTheSizeAskedForFewerOnlyAtTheEndWhateverTheSizeExpected() throws Exception {
        byte[] content = new byte[100_000];
        new java.util.Random(3).nextBytes(content);
        for (long expected : new long[] {-1, 0, 5, 99_999, 100_000, 1 << 20}) {
            java.io.InputStream in = new java.io.ByteArrayInputStream(content);
            byte[] first = FileSource.readBlock(in, 60_000, expected);
            byte[] second = FileSource.readBlock(in, 60_000, Math.max(-1, expected - first.length));
            assertEquals(60_000, first.length, "expected " + expected);
            assertEquals(40_000, second.length, "expected " + expected);
            org.junit.jupiter.api.Assertions.assertArrayEquals(content, java.util.Arrays.copyOf(
                    java.nio.ByteBuffer.allocate(100_000).put(first).put(second).array(), 100_000));
        }
    }
}
