package org.flapp.services.upload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.flapp.rpc.RemoteException;
import org.flapp.rpc.RemoteReference;
import org.flapp.rpc.RpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code putfile}: pulls the data from the client's source object with {@code read(1048576)}
 * calls until it answers empty bytes, writing each block to {@code NAME.partial}; then forces
 * the data to disk, gives the file its mode, renames it over {@code NAME} atomically and forces
 * the directory, and only then completes {@link #result()} (so a client told "uploaded" has a
 * complete, durable file). On any failure, including a lost connection, the partial file is
 * deleted and an earlier {@code NAME} is left untouched.
 *
 * <p>Flow: one {@code read} is outstanding at a time, as with Python's server, but the next one is
 * sent as soon as a block arrives rather than after it is written, so the network round trip
 * overlaps the disk write (Python writes synchronously in between; here the write is a hand-off
 * to another thread, and hand-offs cost most on a busy machine). Memory: at most two blocks per
 * transfer: when one block waits behind another being written, the next read waits for the
 * writer.
 *
 * <p>Threads: every file operation runs on the upload executor, as a chain of steps that never
 * overlap ({@link #enqueue}), so the file state needs no locking (the chain publishes it); the
 * answers of {@code read} arrive on the RPC call executor, which only counts blocks and sends the
 * next read. A failed step ends the transfer; later steps and answers are then ignored.
 */
final class UploadTransfer {
    /** The block size Python's server asks for (its clients rely on nothing else). */
    static final int BLOCK_SIZE = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(UploadTransfer.class);

    private final Path targetDir;
    private final UploadName name;
    private final int mode;
    private final RemoteReference source;
    private final Executor io;
    private final ActiveUploads active;
    private final CompletableFuture<Object> result = new CompletableFuture<>();

    /** The transfer's steps, run one after another on {@link #io}; guarded by this. */
    private CompletableFuture<Void> steps = CompletableFuture.completedFuture(null);
    /** Blocks received and not yet written; guarded by this. */
    private int unwrittenBlocks;
    /** A read was held back because two blocks wait for the writer; guarded by this. */
    private boolean readDeferred;
    private volatile boolean over;

    private UploadDestination destination;
    private boolean claimed;
    private FileChannel channel;
    private long written;

    UploadTransfer(Path targetDir, UploadName name, int mode, RemoteReference source, Executor io,
            ActiveUploads active) {
        this.targetDir = targetDir;
        this.name = name;
        this.mode = mode;
        this.source = source;
        this.io = io;
        this.active = active;
    }

    /** Starts the transfer; the future completes with {@code null} (None) once the file is in place. */
    CompletableFuture<Object> start() {
        enqueue(this::open);
        return result;
    }

    CompletableFuture<Object> result() {
        return result;
    }

    private interface Step {
        void run() throws Throwable;
    }

    /** Runs {@code step} on the upload executor after the steps enqueued before it. */
    private synchronized void enqueue(Step step) {
        steps = steps.thenRunAsync(() -> {
            if (over) {
                return;
            }
            try {
                step.run();
            } catch (Throwable t) {
                fail(t);
            }
        }, io);
    }

    private void open() throws IOException, RemoteException {
        destination = UploadDestination.prepare(targetDir, name);
        if (!active.claim(destination.partial())) {
            throw new RemoteException("builtins.FileExistsError", "an upload to "
                    + UploadName.quote(name.toString()) + " is already in progress");
        }
        claimed = true;
        // a stale partial file (or a link planted in its place) is replaced, never followed
        Files.deleteIfExists(destination.partial());
        channel = FileChannel.open(destination.partial(), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        requestBlock();
    }

    private void requestBlock() {
        if (over) {
            return;
        }
        CompletableFuture<Object> answer;
        try {
            answer = source.callRemote("read", BLOCK_SIZE);
        } catch (RuntimeException e) {
            enqueue(() -> {
                throw e;
            });
            return;
        }
        answer.whenComplete(this::onAnswer);
    }

    /** On the RPC call executor: no I/O here, only hand-offs and the next read. */
    private void onAnswer(Object block, Throwable error) {
        if (error == null && block instanceof byte[] bytes && bytes.length > 0) {
            boolean readNow;
            synchronized (this) {
                unwrittenBlocks++;
                readNow = unwrittenBlocks < 2;
                readDeferred = !readNow;
            }
            enqueue(() -> write(bytes));
            if (readNow) {
                requestBlock();
            }
        } else {
            // the end, an error or a bad answer: dealt with after the blocks before it are written
            enqueue(() -> onEnd(block, error));
        }
    }

    private void write(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        written += bytes.length;
        boolean resume;
        synchronized (this) {
            unwrittenBlocks--;
            resume = readDeferred;
            readDeferred = false;
        }
        if (resume) {
            requestBlock();
        }
    }

    private void onEnd(Object block, Throwable error) throws Throwable {
        if (error != null) {
            throw unwrap(error);
        }
        if (!(block instanceof byte[])) {
            throw new RemoteException("builtins.TypeError", "read() must answer bytes, not "
                    + (block == null ? "None" : block.getClass().getSimpleName()));
        }
        finish();  // empty bytes: the end of the file
    }

    private void finish() throws IOException {
        channel.force(true);
        channel.close();
        channel = null;
        // the mode is set before the rename, so the file never appears with the wrong one
        Files.getFileAttributeView(destination.partial(), PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS).setPermissions(permissions(mode));
        Files.move(destination.partial(), destination.target(), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(destination.directory());
        release();
        log.info("uploaded {} ({} bytes)", destination.target(), written);
        result.complete(null);
    }

    /** On the upload executor, as a step. */
    private void fail(Throwable t) {
        over = true;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the file is deleted next; nothing in it matters any more
            }
            channel = null;
        }
        if (claimed) {
            try {
                Files.deleteIfExists(destination.partial());
            } catch (IOException e) {
                log.warn("could not delete {} after a failed upload: {}", destination.partial(), e.toString());
            }
            release();
        }
        log.info("upload of {} failed: {}", UploadName.quote(name.toString()), t.toString());
        result.completeExceptionally(describe(t));
    }

    private void release() {
        if (claimed) {
            active.release(destination.partial());
            claimed = false;
        }
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    /** RPC failures pass through as they are; local I/O errors become a Python-style OSError. */
    private Throwable describe(Throwable t) {
        if (t instanceof RpcException) {
            return t;
        }
        if (t instanceof IOException) {
            return new RemoteException("builtins.OSError", "upload of "
                    + UploadName.quote(name.toString()) + " failed: " + t);
        }
        return t;
    }

    private static void forceDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] byBit = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < byBit.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(byBit[bit]);
            }
        }
        return set;
    }
}
