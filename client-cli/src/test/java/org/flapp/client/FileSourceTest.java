package org.flapp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flapp.rpc.ViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTest {
    @TempDir
    Path dir;

    private static int read(FileSource source, long size) throws Exception {
        return ((byte[]) FakeService.invoke(source, "read", size)).length;
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
}
