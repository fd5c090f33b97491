package org.flapp.services.command;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.flapp.rpc.PythonText;
import org.flapp.rpc.RemoteReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one output stream of a command (stdout or stderr) to the client's watcher as
 * {@code callRemoteOnly(stream, bytes)} calls, chunk by chunk as the command produces it, keeping
 * at most {@link CommandLimits#outputWindow()} of them unwritten (see {@link CommandLimits});
 * logs it when asked. Reads to the end even when nothing is sent (so the command never blocks on
 * a full pipe once the client is gone). {@link #finished()} completes when the stream has ended
 * and the last chunk has been handed to the RPC layer.
 *
 * <p>Runs on a thread of its own ({@link #run()} blocks: in reads and while the window is full),
 * never on a network thread. Not thread-safe otherwise.
 */
final class OutputPump implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(OutputPump.class);

    private final String stream;
    private final InputStream in;
    private final RemoteReference watcher;
    private final boolean logged;
    private final CommandLimits limits;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    /** Messages handed to the RPC layer and not yet written to the socket, oldest first. */
    private final ArrayDeque<CompletableFuture<Void>> unwritten = new ArrayDeque<>();
    private boolean sending;

    /**
     * @param stream {@code "stdout"} or {@code "stderr"}: the remote method name
     * @param watcher where to send, or {@code null} not to send
     */
    OutputPump(String stream, InputStream in, RemoteReference watcher, boolean logged, CommandLimits limits) {
        this.stream = stream;
        this.in = in;
        this.watcher = watcher;
        this.logged = logged;
        this.limits = limits;
        this.sending = watcher != null;
    }

    CompletableFuture<Void> finished() {
        return finished;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[limits.readChunk()];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n > 0) {
                    deliver(Arrays.copyOf(buffer, n));
                }
            }
        } catch (IOException e) {
            log.warn("reading the command's {} failed: {}", stream, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("{} pump failed", stream, e);
        } finally {
            finished.complete(null);
        }
    }

    private void deliver(byte[] chunk) throws InterruptedException {
        boolean sent = sending;
        if (sending) {
            send(chunk);
        }
        if (logged) {
            log.info("{} ({}): {}", stream, sent ? "sent" : "not sent", PythonText.repr(chunk, CommandLimits.MAX_LOGGED_BYTES));
        }
    }

    private void send(byte[] chunk) throws InterruptedException {
        try {
            unwritten.addLast(watcher.callRemoteOnly(stream, chunk));
        } catch (RuntimeException e) {
            stopSending(e);
            return;
        }
        // the next read waits until there is room in the window for its message
        while (!unwritten.isEmpty() && (unwritten.peekFirst().isDone() || unwritten.size() >= limits.outputWindow())) {
            try {
                unwritten.removeFirst().get();
            } catch (ExecutionException e) {
                stopSending(e.getCause());  // connection lost (or a message that could not be sent)
                return;
            }
        }
    }

    private void stopSending(Throwable why) {
        unwritten.clear();
        if (sending) {
            sending = false;
            log.info("no longer sending {} to the client: {}", stream, why.toString());
        }
    }
}
