package org.flapp.services.command;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.flapp.rpc.RemoteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the data fed to a command's stdin, in order, from a thread of its own ({@link #run()}),
 * so that a command that reads slowly blocks that thread and nothing else. The queue is bounded
 * as {@link CommandLimits} describes: {@link #feed} answers with a future that stays incomplete
 * while more than the soft limit is queued, and refuses data beyond the hard limit (closing
 * stdin: the command sees end of input). After {@link #close()}, the queued data is written and
 * the pipe closed. If the command stops reading (the pipe breaks), further data is dropped.
 *
 * <p>Thread-safe: {@link #feed} and {@link #close} may be called from any thread.
 */
final class StdinWriter implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(StdinWriter.class);

    private final OutputStream stdin;
    private final CommandLimits limits;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final List<CompletableFuture<Object>> waiting = new ArrayList<>();
    private long queuedBytes;
    private boolean closing;
    private boolean broken;

    StdinWriter(OutputStream stdin, CommandLimits limits) {
        this.stdin = stdin;
        this.limits = limits;
    }

    /**
     * Queues {@code data}; the future completes (with None) once the queue is at or below the soft
     * limit. Data after {@link #close()} or after the pipe broke is dropped, as Python drops it.
     *
     * @throws RemoteException if the data would take the queue over the hard limit
     */
    CompletableFuture<Object> feed(byte[] data) throws RemoteException {
        synchronized (this) {
            if (closing || broken) {
                log.debug("dropping {} bytes of stdin: stdin is already closed", data.length);
                return CompletableFuture.completedFuture(null);
            }
            if (queuedBytes + data.length > limits.stdinHardLimit()) {
                log.error("stdin buffer would exceed {} bytes (the client does not wait for the"
                        + " command to read); closing the command's stdin", limits.stdinHardLimit());
                closing = true;
                notifyAll();
                throw RemoteException.python("builtins.BufferError", "stdin buffer limit of "
                        + limits.stdinHardLimit() + " bytes exceeded; the command's stdin was closed");
            }
            if (data.length > 0) {
                queue.addLast(data);
                queuedBytes += data.length;
                notifyAll();
            }
            if (queuedBytes <= limits.stdinSoftLimit()) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Object> later = new CompletableFuture<>();
            waiting.add(later);
            return later;
        }
    }

    /** Closes stdin once the queued data is written. Harmless when repeated. */
    synchronized void close() {
        closing = true;
        notifyAll();
    }

    @Override
    public void run() {
        try {
            byte[] chunk;
            while ((chunk = next()) != null) {
                try {
                    stdin.write(chunk);
                    stdin.flush();
                } catch (IOException e) {
                    log.info("the command stopped reading its stdin: {}", e.toString());
                    breakPipe();
                    return;
                }
                written(chunk.length);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            breakPipe();
        } finally {
            try {
                stdin.close();
            } catch (IOException ignored) {
                // the command is gone: nothing more to tell it
            }
        }
    }

    /** The next chunk to write, or {@code null} when closed and drained. */
    private synchronized byte[] next() throws InterruptedException {
        while (queue.isEmpty() && !closing) {
            wait();
        }
        return queue.pollFirst();
    }

    private void written(int length) {
        List<CompletableFuture<Object>> ready;
        synchronized (this) {
            queuedBytes -= length;
            if (queuedBytes > limits.stdinSoftLimit() || waiting.isEmpty()) {
                return;
            }
            ready = new ArrayList<>(waiting);
            waiting.clear();
        }
        ready.forEach(f -> f.complete(null));
    }

    private void breakPipe() {
        List<CompletableFuture<Object>> ready;
        synchronized (this) {
            broken = true;
            queue.clear();
            queuedBytes = 0;
            ready = new ArrayList<>(waiting);
            waiting.clear();
        }
        ready.forEach(f -> f.complete(null));
    }
}
