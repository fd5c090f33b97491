package org.flapp.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * <p>A local read error is kept ({@link #failure()}) so the client can name it instead of the
 * server's echo of it. Calls for one connection run one at a time, but the fields are guarded
 * anyway since {@link #close()} comes from the main thread; the file stream is used by one
 * thread at a time (the read-ahead is awaited before the stream is touched again).
 */
final class FileSource implements Referenceable, AutoCloseable {
    /** Python's server asks for 1 MiB; a larger request is answered in pieces of this size. */
    static final int MAX_CHUNK = 1024 * 1024;

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
            pending = readBlock(in, want, remaining());
            position += pending.length;
            endOfFile = pending.length < want;
        } else if (pending.length < want && !endOfFile) {
            byte[] more = readBlock(in, want - pending.length, remaining());
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
                return readBlock(stream, size, remaining);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, reader);
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
        int length = remaining < 0 ? size : (int) Math.min(size, remaining + 1);
        byte[] block = new byte[length];
        int n = stream.readNBytes(block, 0, length);
        while (n == block.length && n < size) {
            block = Arrays.copyOf(block, (int) Math.min(size, Math.max(2L * block.length, 8192)));
            n += stream.readNBytes(block, n, block.length - n);
        }
        return n == block.length ? block : Arrays.copyOf(block, n);
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
