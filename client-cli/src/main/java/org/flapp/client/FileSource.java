package org.flapp.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import org.flapp.rpc.Arguments;
import org.flapp.rpc.Completions;
import org.flapp.rpc.Constraint;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.RemoteMethods;
import org.flapp.rpc.Signature;
import org.flapp.rpc.ViolationException;

/**
 * The object an upload-file service pulls one file's bytes from: it calls {@code read(size)}
 * until it gets empty bytes. Each answer holds at most {@code size} bytes and at most
 * {@link #MAX_CHUNK}, so memory stays bounded whatever the file's size; only end of file gives
 * an empty answer.
 *
 * <p>Read-ahead: the server asks for the next block only after it has the previous answer, so
 * the time to read a block adds to every round trip. After answering, the next block (of the
 * size just asked for) is read on a helper thread while the answer travels, and the next
 * {@code read} usually finds it ready. At most one block is read ahead; a different size asked
 * for next is served from what was read plus what is missing, so answers are exactly what
 * plain sequential reads would give. File reads never run on a network thread.
 *
 * <p>Block arrays are used again: an answer of a whole block ({@link #MAX_CHUNK}) goes out from
 * its own array (the engine does not copy long byte strings), and once that answer has been
 * written ({@link Arguments#answerWritten()}) the array waits in {@link #spare} for a later
 * block. A bulk upload then makes no garbage per block, so the client's heap stays as small as
 * a small upload's instead of growing with blocks promoted in the middle of their write.
 *
 * <p>A local read error is kept ({@link #failure()}) so the client can name it instead of the
 * server's echo of it. Calls for one connection run one at a time, but the fields are guarded
 * anyway since {@link #close()} comes from the main thread; the file stream is used by one
 * thread at a time (the read-ahead is awaited before the stream is touched again).
 */
final class FileSource implements Referenceable, AutoCloseable {
    /** Python's server asks for 1 MiB; a larger request is answered in pieces of this size. */
    static final int MAX_CHUNK = 1024 * 1024;
    /** The most one read from the file's stream asks for (see {@link #readSlices}). */
    private static final int READ_SLICE = 256 * 1024;

    /** {@code read(size)}: an integer (Python's server asks for 1048576), checked while decoded. */
    private static final Signature READ = Signature.of(Signature.required("size", Constraint.integer()));

    private final Path path;
    private final ProgressBar progress;
    private final RemoteMethods methods;
    /** The file's size when opened (a regular file), or -1: sizes the arrays blocks are read into. */
    private final long expectedSize;
    /** Bytes taken from the stream so far (including a finished read-ahead). */
    private long position;
    private InputStream in;
    private long sent;
    private boolean finished;
    private IOException failure;
    /** Bytes read from the file but not yet sent, or null. */
    private byte[] pending;
    /** True once a read came back short: nothing follows {@link #pending} in the file. */
    private boolean endOfFile;
    /** The block being read ahead and its size, or null. */
    private CompletableFuture<byte[]> ahead;
    private int aheadSize;
    private ExecutorService reader;
    /** Whole-block arrays whose answers have been written; taken by the reads (either thread). */
    private final ConcurrentLinkedQueue<byte[]> spare = new ConcurrentLinkedQueue<>();

    private FileSource(Path path, InputStream in, long expectedSize, ProgressBar progress) {
        this.path = path;
        this.in = in;
        this.expectedSize = expectedSize;
        this.progress = progress;
        this.methods = RemoteMethods.builder().method("read", READ, this::read).build();
    }

    static FileSource open(Path path, ProgressBar progress) throws IOException {
        InputStream in = Files.newInputStream(path);
        long size = -1;
        try {
            if (Files.isRegularFile(path)) {
                size = Files.size(path);
            }
        } catch (IOException e) {
            // no size: blocks are read into arrays of the size asked for
        }
        return new FileSource(path, in, size, progress);
    }

    @Override
    public RemoteMethods remoteMethods() {
        return methods;
    }

    private synchronized Object read(Arguments args) throws IOException {
        long size = args.longValue(0);
        if (size < 0) {
            throw new ViolationException("read size must not be negative, got " + size);
        }
        if (in == null) {
            // read after end of file (or after close): keep saying "no more"
            return new byte[0];
        }
        int want = (int) Math.min(size, MAX_CHUNK);
        byte[] chunk;
        try {
            chunk = take(want);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        sent += chunk.length;
        progress.update(sent);
        if (chunk.length == MAX_CHUNK) {
            // written or lost, the engine no longer reads the array once this completes
            byte[] block = chunk;
            args.answerWritten().whenComplete((ok, error) -> recycle(block));
        }
        if (chunk.length == 0 && size > 0) {
            finished = true;
            closeQuietly();
        } else if (want > 0 && pending == null && !endOfFile) {
            readAhead(want);
        }
        return chunk;
    }

    /** The next {@code want} bytes of the file (fewer only at its end). */
    private byte[] take(int want) throws IOException {
        awaitReadAhead();
        if (pending == null) {
            pending = readBlock(in, want, remaining(), this::spareBlock);
            position += pending.length;
            endOfFile = pending.length < want;
        } else if (pending.length < want && !endOfFile) {
            byte[] more = readBlock(in, want - pending.length, remaining(), this::spareBlock);
            position += more.length;
            endOfFile = more.length < want - pending.length;
            byte[] joined = Arrays.copyOf(pending, pending.length + more.length);
            System.arraycopy(more, 0, joined, pending.length, more.length);
            pending = joined;
        }
        byte[] chunk;
        if (pending.length <= want) {
            chunk = pending;
            pending = null;
        } else {
            chunk = Arrays.copyOf(pending, want);
            pending = Arrays.copyOfRange(pending, want, pending.length);
        }
        return chunk;
    }

    private void readAhead(int size) {
        if (reader == null) {
            reader = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "flappclient-read-ahead");
                thread.setDaemon(true);
                return thread;
            });
        }
        InputStream stream = in;
        long remaining = remaining();
        aheadSize = size;
        ahead = CompletableFuture.supplyAsync(() -> {
            try {
                return readBlock(stream, size, remaining, this::spareBlock);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, reader);
    }

    /** At most two arrays wait: one being read ahead and one being answered is the steady state. */
    private void recycle(byte[] block) {
        if (spare.size() < 2) {
            spare.add(block);
        }
    }

    /** A new array of {@code length} bytes, or a spare one where it is a whole block. */
    private byte[] spareBlock(int length) {
        byte[] block = length == MAX_CHUNK ? spare.poll() : null;
        return block != null ? block : new byte[length];
    }

    /** What the file still holds by its size when opened, or -1 when that is not known. */
    private long remaining() {
        return expectedSize < 0 ? -1 : Math.max(0, expectedSize - position);
    }

    /**
     * Up to {@code size} bytes, fewer only at end of file. Read straight into one array of that
     * size: {@code InputStream.readNBytes(int)} would gather 8 KiB pieces and copy them again.
     * Where the file's size is known the array starts at what it still holds plus one byte (to
     * see the end without a second array): a small file's upload no longer makes two 1 MiB
     * arrays for its few bytes. A file that grew meanwhile fills it, and then it doubles.
     */
    static byte[] readBlock(InputStream stream, int size, long remaining) throws IOException {
        return readBlock(stream, size, remaining, byte[]::new);
    }

    /** The same, with the first array from {@code arrays} (given the length wanted). */
    static byte[] readBlock(InputStream stream, int size, long remaining, IntFunction<byte[]> arrays)
            throws IOException {
        int length = remaining < 0 ? size : (int) Math.min(size, remaining + 1);
        byte[] block = arrays.apply(length);
        int n = readSlices(stream, block, 0, length);
        while (n == block.length && n < size) {
            block = Arrays.copyOf(block, (int) Math.min(size, Math.max(2L * block.length, 8192)));
            n += readSlices(stream, block, n, block.length - n);
        }
        return n == block.length ? block : Arrays.copyOf(block, n);
    }

    /**
     * {@code InputStream.readNBytes(array, off, len)} in reads of at most {@link #READ_SLICE}:
     * a file's stream reads into an array through a direct buffer as large as one read, which
     * the JDK then keeps for each thread that read (here two: the first block is read by the
     * call, the rest ahead): 1 MiB reads kept 2 MiB of them.
     */
    private static int readSlices(InputStream stream, byte[] array, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int want = Math.min(READ_SLICE, len - n);
            int got = stream.readNBytes(array, off + n, want);
            n += got;
            if (got < want) {
                break;   // end of file
            }
        }
        return n;
    }

    /** Moves a finished or running read-ahead into {@link #pending}, waiting for it if needed. */
    private void awaitReadAhead() throws IOException {
        if (ahead == null) {
            return;
        }
        CompletableFuture<byte[]> block = ahead;
        ahead = null;
        try {
            pending = block.join();
            position += pending.length;
            endOfFile = pending.length < aheadSize;
        } catch (CompletionException e) {
            Throwable cause = Completions.cause(e);
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IOException("read-ahead failed: " + cause, cause);
        }
    }

    /** The local read error that broke the upload, or null. */
    synchronized IOException failure() {
        return failure;
    }

    /** True once end of file was reached and reported. */
    synchronized boolean finished() {
        return finished;
    }

    synchronized long bytesSent() {
        return sent;
    }

    Path path() {
        return path;
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (ahead != null) {
            // let the read in progress finish before its stream is closed
            try {
                ahead.join();
            } catch (CompletionException e) {
                // the upload is over; its outcome is already decided
            }
            ahead = null;
        }
        if (reader != null) {
            reader.shutdown();
            reader = null;
        }
        pending = null;
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // nothing more will be read; a close error changes nothing for the upload
            }
            in = null;
        }
    }
}
