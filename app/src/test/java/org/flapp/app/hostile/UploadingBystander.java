package org.flapp.app.hostile;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flapp.client.InProcessClient;

/**
 * A client with the valid FURL uploading while an attack runs: our flappclient (in this JVM)
 * runs {@code upload-file} again and again, each time a new connection with a fresh identity and
 * a new file, and checks the file arrived whole. Every upload must succeed within
 * {@link #MAX_UPLOAD_MILLIS} ms.
 */
final class UploadingBystander implements AutoCloseable {
    static final long MAX_UPLOAD_MILLIS = 10_000;
    private static final int FILE_BYTES = 64 * 1024;

    private final String furl;
    private final long boundMillis;
    private final Path work;
    private final Path uploads;
    private final Thread thread;
    private final AtomicInteger done = new AtomicInteger();
    private final List<Long> millis = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Random random = new Random();
    private volatile boolean stopping;
    private volatile long currentStart;

    /** A bystander whose every upload must succeed within {@link #MAX_UPLOAD_MILLIS}. */
    UploadingBystander(String furl, Path work, Path uploads) {
        this(furl, work, uploads, MAX_UPLOAD_MILLIS);
    }

    /** A bystander whose uploads must succeed within {@code boundMillis} (a cold JVM's first ones take longer). */
    UploadingBystander(String furl, Path work, Path uploads, long boundMillis) {
        this.furl = furl;
        this.boundMillis = boundMillis;
        this.work = work;
        this.uploads = uploads;
        this.thread = new Thread(this::run, "uploading-bystander");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        for (int i = 0; !stopping; i++) {
            try {
                uploadOne("bystander-" + i + ".bin");
            } catch (Exception | AssertionError e) {
                failures.add(e.toString());
                return;
            }
        }
    }

    private void uploadOne(String name) throws Exception {
        byte[] content = new byte[FILE_BYTES];
        random.nextBytes(content);
        Path file = Files.write(work.resolve(name), content);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        currentStart = start;
        int status = InProcessClient.run(new String[] {"--furl", furl, "upload-file", file.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                InputStream.nullInputStream());
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        currentStart = 0;
        millis.add(took);
        Path arrived = uploads.resolve(name);
        if (status != 0 || !Files.exists(arrived) || !Arrays.equals(content, Files.readAllBytes(arrived))) {
            failures.add(name + ": status " + status + ", " + err.toString(StandardCharsets.UTF_8).trim());
        } else if (took > boundMillis) {
            failures.add(name + " took " + took + " ms");
        }
        Files.deleteIfExists(file);
        Files.deleteIfExists(arrived);
        done.incrementAndGet();
    }

    /** Uploads finished so far. */
    int uploads() {
        return done.get();
    }

    /** Waits until {@code n} more uploads have finished (each may take up to the bound, and a bit). */
    void awaitMore(int n) throws InterruptedException {
        int target = done.get() + n;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos((MAX_UPLOAD_MILLIS + 5_000) * (n + 1));
        while (done.get() < target && failures.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** What the uploads showed. */
    record Result(int uploads, long maxMillis, long medianMillis, List<String> failures) {}

    /** Stops after the upload under way (which must still end within the bound). */
    Result stop() throws InterruptedException {
        stopping = true;
        thread.join(MAX_UPLOAD_MILLIS + 20_000);
        List<String> all = new java.util.ArrayList<>(failures);
        if (thread.isAlive()) {
            long start = currentStart;
            all.add("an upload still runs after " + (start == 0 ? "?"
                    : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)) + " ms");
        }
        List<Long> sorted = millis.stream().sorted().toList();
        return new Result(done.get(), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2), all);
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join(MAX_UPLOAD_MILLIS + 20_000);
    }
}
