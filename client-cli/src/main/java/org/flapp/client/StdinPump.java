package org.flapp.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.flapp.rpc.RemoteReference;

/**
 * Sends our stdin to a run-command service that asked for it (its {@code execute} answer was a
 * stdin handle): {@code feed_stdin(bytes)} for each chunk as it is read, then
 * {@code close_stdin()} at end of input, all as calls that want no answer, as Python's client
 * sends them.
 *
 * <p>Memory stays bounded although those calls have no answers: the engine's
 * {@link RemoteReference#callRemoteOnly} future completes when a message has been written to the
 * socket, and the pump waits for the previous chunk's future before sending the next, so at most
 * two chunks of {@link #CHUNK} bytes are held at once while reading overlaps with sending.
 * Those two are the pump's only buffers: a full chunk goes out from its buffer itself (the
 * engine sends long byte strings from their array), and that buffer is read into again only
 * after its message has been written, so bulk input makes no garbage per chunk.
 *
 * <p>Runs on its own daemon thread, since reading stdin blocks; it stops quietly when the
 * connection is lost (the exit status then comes from {@link OutputWatcher}).
 */
final class StdinPump implements Runnable {
    /**
     * The largest {@code feed_stdin} chunk: 256 KiB (Flapp's service takes up to 1 MiB, Python's
     * has no limit); 64 KiB chunks cost a call each per 64 KiB of bulk input.
     */
    static final int CHUNK = 256 * 1024;

    private final InputStream in;
    private final RemoteReference handle;

    StdinPump(InputStream in, RemoteReference handle) {
        this.in = in;
        this.handle = handle;
    }

    /** Starts pumping on a new daemon thread. */
    static Thread start(InputStream in, RemoteReference handle) {
        Thread thread = new Thread(new StdinPump(in, handle), "flappclient-stdin");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void run() {
        byte[][] buffers = {new byte[CHUNK], new byte[CHUNK]};
        int turn = 0;
        CompletableFuture<Void> previous = null;
        try {
            while (true) {
                // the other buffer may still be on its way; this one's message has been written
                byte[] buffer = buffers[turn];
                int n;
                try {
                    n = readSome(buffer);
                } catch (IOException e) {
                    // an unreadable stdin ends the input, as end of file would
                    break;
                }
                if (n < 0) {
                    break;
                }
                if (n == 0) {
                    continue;
                }
                if (previous != null) {
                    previous.get();
                }
                byte[] chunk = n == buffer.length ? buffer : Arrays.copyOf(buffer, n);
                previous = handle.callRemoteOnly("feed_stdin", (Object) chunk);
                turn = 1 - turn;
            }
            if (previous != null) {
                previous.get();
            }
            handle.callRemoteOnly("close_stdin");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
            // the connection or the command is gone: OutputWatcher reports how it ended
        }
    }

    /**
     * Waits for some input, then adds what is already there without waiting again (a pipe
     * hands over at most its 64 KiB buffer per read), up to a full buffer: fewer, larger
     * {@code feed_stdin} calls for bulk input, and typed input still goes out at once.
     */
    private int readSome(byte[] buffer) throws IOException {
        int n = in.read(buffer);
        if (n <= 0) {
            return n;
        }
        while (n < buffer.length && ready() > 0) {
            int more = in.read(buffer, n, buffer.length - n);
            if (more <= 0) {
                break; // end of input: the next read says so again
            }
            n += more;
        }
        return n;
    }

    /** The bytes stdin can hand over without blocking; 0 where it cannot tell. */
    private int ready() {
        try {
            return in.available();
        } catch (IOException e) {
            return 0;
        }
    }
}
