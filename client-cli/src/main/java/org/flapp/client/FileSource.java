package org.flapp.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flapp.rpc.Arguments;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.RemoteMethods;
import org.flapp.rpc.ViolationException;

/**
 * The object an upload-file service pulls one file's bytes from: it calls {@code read(size)}
 * until it gets empty bytes. Each answer holds at most {@code size} bytes and at most
 * {@link #MAX_CHUNK}, read from the file on the Tub's call executor (never a network thread),
 * so memory stays bounded whatever the file's size; only end of file gives an empty answer.
 *
 * <p>A local read error is kept ({@link #failure()}) so the client can name it instead of the
 * server's echo of it. Calls for one connection run one at a time, but the fields are guarded
 * anyway since {@link #close()} comes from the main thread.
 */
final class FileSource implements Referenceable, AutoCloseable {
    /** Python's server asks for 1 MiB; a larger request is answered in pieces of this size. */
    static final int MAX_CHUNK = 1024 * 1024;

    private final Path path;
    private final ProgressBar progress;
    private final RemoteMethods methods;
    private InputStream in;
    private long sent;
    private boolean finished;
    private IOException failure;

    private FileSource(Path path, InputStream in, ProgressBar progress) {
        this.path = path;
        this.in = in;
        this.progress = progress;
        this.methods = RemoteMethods.builder().method("read", this::read).build();
    }

    static FileSource open(Path path, ProgressBar progress) throws IOException {
        return new FileSource(path, Files.newInputStream(path), progress);
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
        byte[] chunk;
        try {
            chunk = in.readNBytes((int) Math.min(size, MAX_CHUNK));
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        sent += chunk.length;
        progress.update(sent);
        if (chunk.length == 0 && size > 0) {
            finished = true;
            closeQuietly();
        }
        return chunk;
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
