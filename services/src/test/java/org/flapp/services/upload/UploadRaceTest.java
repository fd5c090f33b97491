package org.flapp.services.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flapp.rpc.RemoteException;
import org.flapp.services.options.UploadFileOptions;
import org.flapp.services.testing.Calls;
import org.flapp.services.testing.FileSource;
import org.flapp.services.testing.NativeHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rename race of a local user who can write inside an upload target: while a client uploads
 * {@code sub/x0} to {@code sub/x399}, a helper swaps the directory {@code sub} with a symbolic link
 * to a directory outside the target ({@code renameat2(RENAME_EXCHANGE)}) as fast as it can. Every
 * upload must either land inside the target or be refused; nothing may appear outside.
 */
class UploadRaceTest {
    private static final int UPLOADS = 400;

    @TempDir
    Path tmp;
    private final ExecutorService io = Executors.newFixedThreadPool(4);
    private final List<FileSource> sources = new ArrayList<>();
    private Process swapper;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (swapper != null && swapper.isAlive()) {
            swapper.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        sources.forEach(FileSource::close);
        io.shutdown();
        assertTrue(io.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void aDirectorySwappedForALinkDuringUploadsNeverLetsAFileOutside() throws Exception {
        Path exchange = NativeHelper.compile(tmp, "exchange", UploadRaceTest.class, "exchange.c");
        Path target = Files.createDirectory(tmp.resolve("target"));
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.createDirectory(target.resolve("sub"));
        Files.createSymbolicLink(target.resolve("link"), outside);
        Path local = Files.writeString(tmp.resolve("local"), "payload");
        FileUploadService service = new FileUploadService(
                UploadFileOptions.parse(List.of("--allow-subdirectories", target.toString()), tmp), io,
                new ActiveUploads(), new UploadBudget(UploadBudget.DEFAULT_BLOCKS));

        swapper = new ProcessBuilder(exchange.toString(), target.resolve("sub").toString(),
                target.resolve("link").toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader swapperOut = new BufferedReader(new InputStreamReader(swapper.getInputStream(),
                StandardCharsets.US_ASCII));
        assertEquals("ready", swapperOut.readLine(), "the swapper started swapping");

        List<CompletableFuture<Object>> results = new ArrayList<>();
        for (int i = 0; i < UPLOADS; i++) {
            FileSource source = FileSource.of(local);
            sources.add(source);
            results.add(Calls.call(service, "putfile", ("sub/x" + i).getBytes(StandardCharsets.UTF_8), source));
        }
        int uploaded = 0;
        int refused = 0;
        for (CompletableFuture<Object> result : results) {
            try {
                result.get(120, TimeUnit.SECONDS);
                uploaded++;
            } catch (ExecutionException e) {
                assertInstanceOf(RemoteException.class, e.getCause(), "a refusal, not a crash");
                refused++;
            }
        }
        swapper.toHandle().destroy();  // SIGTERM; Process.destroy() would close its stdout
        long swaps = Long.parseLong(swapperOut.readLine().strip());  // printed as it exits
        assertTrue(swapper.waitFor(10, TimeUnit.SECONDS));

        try (Stream<Path> files = Files.walk(outside)) {
            assertEquals(List.of(outside), files.toList(), "nothing was written outside the target");
        }
        List<Path> inside;
        try (Stream<Path> files = Files.walk(target)) {
            inside = files.filter(Files::isRegularFile).toList();
        }
        assertEquals(uploaded, inside.size(), "every upload answered as done is inside the target: " + inside);
        for (Path file : inside) {
            assertEquals("payload", Files.readString(file));
            assertTrue(file.getFileName().toString().matches("x\\d+"), "no partial file left: " + file);
        }
        assertEquals(UPLOADS, uploaded + refused);
        assertTrue(swaps > UPLOADS, "the swapper raced the uploads (" + swaps + " swaps)");
        System.out.printf("race: %d uploaded, %d refused, %d swaps%n", uploaded, refused, swaps);
    }
}
