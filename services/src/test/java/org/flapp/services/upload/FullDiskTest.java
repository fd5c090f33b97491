package org.flapp.services.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flapp.rpc.RemoteException;
import org.flapp.services.options.UploadFileOptions;
import org.flapp.services.testing.Calls;
import org.flapp.services.testing.FileSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads onto a full file system (a 16 MiB tmpfs mounted for the test; we run as root, and the
 * test is skipped with a note where mounting is not permitted): the upload fails with a message
 * naming the cause, leaves no partial file, keeps the earlier file of that name intact, and the
 * service goes on serving. (EDQUOT, a full quota, cannot be produced on this machine's tmpfs
 * without quota support; it takes the same path, the OS's message reaching the client.)
 */
class FullDiskTest {
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path tmp;
    private Path disk;
    private boolean mounted;
    private final ExecutorService io = Executors.newFixedThreadPool(2);
    private final List<FileSource> sources = new ArrayList<>();

    @BeforeEach
    void mount() throws Exception {
        disk = Files.createDirectory(tmp.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
        assumeTrue(mounted, "skipped: cannot mount a tmpfs here (" + output.strip() + ")");
    }

    @AfterEach
    void unmount() throws Exception {
        sources.forEach(FileSource::close);
        io.shutdown();
        assertTrue(io.awaitTermination(10, TimeUnit.SECONDS));
        if (mounted) {
            Process umount = new ProcessBuilder("umount", disk.toString()).inheritIO().start();
            if (!umount.waitFor(30, TimeUnit.SECONDS) || umount.exitValue() != 0) {
                new ProcessBuilder("umount", "-l", disk.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private Path localFile(String name, int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return Files.write(tmp.resolve(name), data);
    }

    private Object upload(FileUploadService service, String name, Path local) throws Exception {
        FileSource source = FileSource.of(local);
        sources.add(source);
        try {
            return Calls.call(service, "putfile", name.getBytes(StandardCharsets.UTF_8), source).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void anUploadTooBigForTheDiskFailsClearlyLeavesNothingAndKeepsTheEarlierFile() throws Exception {
        Path target = Files.createDirectory(disk.resolve("target"));
        FileUploadService service = new FileUploadService(UploadFileOptions.parse(List.of(target.toString()), tmp),
                io, new ActiveUploads(),
                new UploadBudget(UploadBudget.DEFAULT_BLOCKS));
        Path earlier = localFile("earlier", 3 * MIB);
        assertNull(upload(service, "file", earlier));

        Path tooBig = localFile("too-big", 32 * MIB);
        RemoteException e = assertThrows(RemoteException.class, () -> upload(service, "file", tooBig));
        assertEquals("builtins.OSError", e.type());
        assertTrue(e.getMessage().contains("No space left on device") && e.getMessage().contains("ENOSPC"),
                "the client is told why: " + e.getMessage());
        assertTrue(e.getMessage().contains("'file'"), e.getMessage());

        assertArrayEquals(Files.readAllBytes(earlier), Files.readAllBytes(target.resolve("file")),
                "the earlier file is intact");
        try (Stream<Path> files = Files.list(target)) {
            assertEquals(List.of(target.resolve("file")), files.toList(), "no partial file left behind");
        }

        RemoteException again = assertThrows(RemoteException.class, () -> upload(service, "other", tooBig));
        assertInstanceOf(RemoteException.class, again);
        Path small = localFile("small", 100_000);
        assertNull(upload(service, "small", small), "the service still serves once the failed uploads are gone");
        assertArrayEquals(Files.readAllBytes(small), Files.readAllBytes(target.resolve("small")));
    }
}
