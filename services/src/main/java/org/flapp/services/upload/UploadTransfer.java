package org.flapp.services.upload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.flapp.rpc.Completions;
import org.flapp.rpc.Constraint;
import org.flapp.rpc.PythonText;
import org.flapp.rpc.RemoteException;
import org.flapp.rpc.RemoteReference;
import org.flapp.rpc.RpcException;
import org.flapp.services.LogText;
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
 * <p>Pipelining: {@link #WINDOW} {@code read}s are outstanding at a time (Python's server sends the
 * next only after the previous answer), so the client encrypts the next block while this side
 * decrypts and writes the last one. The source answers calls in the order they were sent, and
 * each answer is handled only after the one before it, so the file is written in order. After
 * end of file, the reads still outstanding answer empty bytes and are ignored. The next read is
 * sent before a block is written, so the file write overlaps the next block's transfer without
 * ever giving the client more than {@link #WINDOW} reads to answer. Memory: at most
 * {@link #WINDOW} + 1 blocks per upload (those arriving and the one being written), and every
 * block is reserved in the server's {@link UploadBudget} before its read is sent: with the budget
 * used up, the next read waits for a written block (or for a read left unanswered past the
 * budget's grace) instead. Threads:
 * every file operation runs on the upload executor; the answers of {@code read} arrive on the
 * RPC call executor and are handed over at once. The steps of one transfer never overlap (a step
 * waits for the head of {@link #reads} only), so its fields need no locking (the executor
 * hand-offs publish them).
 */
final class UploadTransfer {
    /** The block size Python's server asks for (its clients rely on nothing else). */
    static final int BLOCK_SIZE = 1024 * 1024;
    /**
     * Reads outstanding at once. One, as Python's server does, by default: Python's flappclient
     * answers {@code read} by reading its file synchronously inside the reactor, so with a second
     * read already queued behind the first it blocks on a slow source (a fifo, a pipe) before the
     * first answer is flushed, and the upload stalls for good (CrashRecoveryTest's fifo upload
     * found it). A larger window showed no gain on the 2-core machine either (docs/performance.md).
     * {@code -Dflapp.upload.window=2..4} keeps more in flight, for clients known to answer
     * asynchronously and for A/B runs.
     */
    static final int WINDOW = Math.max(1, Math.min(4, Integer.getInteger("flapp.upload.window", 1)));
    /**
     * What {@code read(BLOCK_SIZE)} may answer: at most that many bytes. Text is let through to be
     * refused with Python's TypeError (see {@link #onBlock}).
     */
    private static final Constraint READ_ANSWER = Constraint.choice(Constraint.bytes(BLOCK_SIZE),
            Constraint.text(BLOCK_SIZE), Constraint.none());

    /** The most one file write is given (see {@link #write}). */
    static final int WRITE_SLICE = 256 * 1024;

    private static final Logger log = LoggerFactory.getLogger(UploadTransfer.class);

    private final Path targetDir;
    private final UploadName name;
    private final int mode;
    private final RemoteReference source;
    private final Executor io;
    private final ActiveUploads active;
    private final UploadBudget budget;
    private final CompletableFuture<Object> result = new CompletableFuture<>();

    private UploadDestination destination;
    private boolean claimed;
    private FileChannel channel;
    private long written;
    /** The budget's block of the answer this step is writing, if any (see {@link UploadBudget}). */
    private UploadBudget.Block holding;
    /** The reads sent and not yet handled, oldest first. */
    private final ArrayDeque<SentRead> reads = new ArrayDeque<>(WINDOW);

    /** A read sent and the budget's block it was sent with. */
    private record SentRead(CompletableFuture<Object> answer, UploadBudget.Block block) {}

    UploadTransfer(Path targetDir, UploadName name, int mode, RemoteReference source, Executor io,
            ActiveUploads active, UploadBudget budget) {
        this.targetDir = targetDir;
        this.name = name;
        this.mode = mode;
        this.source = source;
        this.io = io;
        this.active = active;
        this.budget = budget;
    }

    /** Starts the transfer; the future completes with {@code null} (None) once the file is in place. */
    CompletableFuture<Object> start() {
        io.execute(() -> step(this::open));
        return result;
    }

    CompletableFuture<Object> result() {
        return result;
    }

    private interface Step {
        void run() throws Throwable;
    }

    /** Runs one step on the upload executor; any failure ends the transfer. */
    private void step(Step step) {
        try {
            step.run();
        } catch (Throwable t) {
            fail(t);
        }
    }

    private void open() throws IOException, RemoteException {
        destination = UploadDestination.open(targetDir, name);
        if (!active.claim(destination.partialKey())) {
            throw RemoteException.python("builtins.FileExistsError", "an upload to "
                    + destination.shownName() + " is already in progress");
        }
        claimed = true;
        channel = destination.createPartial();
        budget.reserve().whenCompleteAsync((reserved, never) -> step(() -> firstReads(reserved)), io);
    }

    /** With one block reserved: the first read, and as many more as the window and the budget allow now. */
    private void firstReads(UploadBudget.Block reserved) {
        sendRead(reserved);
        UploadBudget.Block more;
        while (reads.size() < WINDOW && (more = budget.tryReserve()) != null) {
            sendRead(more);
        }
        awaitNextBlock();
    }

    /** Sends a read for a block reserved in the budget, which it holds until the answer's grace is over. */
    private void sendRead(UploadBudget.Block block) {
        // a longer answer is refused while it is decoded: a ViolationException naming the limit
        CompletableFuture<Object> answer = source.callExpecting(READ_ANSWER, "read", BLOCK_SIZE);
        budget.graceFor(block, answer);
        reads.add(new SentRead(answer, block));
    }

    private void awaitNextBlock() {
        reads.peek().answer().whenCompleteAsync((block, error) -> step(() -> onBlock(block, error)), io);
    }

    private void onBlock(Object block, Throwable error) throws Throwable {
        holding = reads.poll().block();
        if (error != null) {
            throw Completions.cause(error);
        }
        if (!(block instanceof byte[] bytes)) {
            throw RemoteException.python("builtins.TypeError", "read() must answer bytes, not "
                    + (block == null ? "None" : block.getClass().getSimpleName()));
        }
        if (bytes.length == 0) {
            releaseBlock();
            finish();
            return;
        }
        // the next block is asked for before this one is written, so it travels (the client
        // reads, encrypts and sends it) while this one goes to the file; the client still has
        // one read at a time to answer, since this answer has arrived. When the budget has no
        // block free, the read waits until this block is written and its turn comes.
        UploadBudget.Block early = budget.tryReserve();
        boolean sentEarly = early != null;
        if (sentEarly) {
            sendRead(early);
        }
        write(bytes);
        written += bytes.length;
        releaseBlock();
        if (sentEarly || !reads.isEmpty()) {
            awaitNextBlock();
        } else {
            budget.reserve().whenCompleteAsync((reserved, never) -> step(() -> {
                sendRead(reserved);
                awaitNextBlock();
            }), io);
        }
    }

    /**
     * Writes a block in slices of {@link #WRITE_SLICE}: the JDK copies a heap buffer into a
     * temporary direct buffer as large as what one write is given, and keeps that buffer for the
     * thread, so a whole block per write would keep 1 MiB of native memory per upload thread.
     * A quarter of a block costs no more CPU than whole blocks (256 MiB written: 0.089-0.092 s
     * against 0.084-0.092), slices of 64 KiB did (0.100-0.116 s).
     */
    private void write(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.position() < bytes.length) {
            buffer.limit(Math.min(bytes.length, buffer.position() + WRITE_SLICE));
            channel.write(buffer);
        }
    }

    private void releaseBlock() {
        if (holding != null) {
            holding.release();
            holding = null;
        }
    }

    /** The reads still outstanding give their blocks back when they answer (or fail); none is waited for. */
    private void releaseOutstandingReads() {
        SentRead read;
        while ((read = reads.poll()) != null) {
            UploadBudget.Block block = read.block();
            read.answer().whenComplete((answer, error) -> block.release());
        }
    }

    private void finish() throws IOException {
        releaseOutstandingReads();
        channel.force(true);
        channel.close();
        channel = null;
        // the mode is set before the rename, so the file never appears with the wrong one
        destination.commit(mode);
        release();
        closeDestination();
        log.info("uploaded {} into {} ({} bytes)", destination.shownName(), targetDir, written);
        result.complete(null);
    }

    private void fail(Throwable t) {
        // judged before the partial file is deleted, which frees the space again
        boolean diskFull = t instanceof IOException && diskFull();
        releaseBlock();
        releaseOutstandingReads();
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
                destination.deletePartial();
            } catch (IOException e) {
                log.warn("could not delete the partial file of {} after a failed upload: {}",
                        destination.shownName(), LogText.escape(e.toString()));
            }
            release();
        }
        closeDestination();
        log.info("upload of {} failed: {}", PythonText.repr(name.toString()), LogText.escape(t.toString()));
        result.completeExceptionally(describe(t, diskFull));
    }

    private void release() {
        if (claimed) {
            active.release(destination.partialKey());
            claimed = false;
        }
    }

    private void closeDestination() {
        if (destination != null) {
            try {
                destination.close();
            } catch (IOException ignored) {
                // closing a directory handle cannot lose data
            }
        }
    }

    /** RPC failures pass through as they are; local I/O errors become a Python-style OSError. */
    private Throwable describe(Throwable t, boolean diskFull) {
        if (t instanceof RpcException) {
            return t;
        }
        if (t instanceof IOException) {
            return RemoteException.python("builtins.OSError", "upload of "
                    + PythonText.repr(name.toString()) + " failed: " + LogText.escape(t.toString())
                    + (diskFull ? " (ENOSPC: the file system of the target directory is full)" : ""));
        }
        return t;
    }

    /**
     * Whether the target's file system has less room than one more block. Java does not say
     * which errno a write failed with; the state of the disk tells a full disk from other errors.
     */
    private boolean diskFull() {
        try {
            return Files.getFileStore(targetDir).getUsableSpace() < BLOCK_SIZE;
        } catch (IOException e) {
            return false;
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
