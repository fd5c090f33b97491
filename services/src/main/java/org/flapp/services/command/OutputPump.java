package org.flapp.services.command;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.flapp.rpc.DeadReferenceException;
import org.flapp.rpc.RemoteReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one output stream of a command (stdout or stderr) to the client's watcher as
 * {@code callRemoteOnly(stream, bytes)} calls, chunk by chunk as the command produces it, with
 * the window described in {@link CommandLimits}; logs it when asked. Reads to the end even when
 * nothing is sent (so the command never blocks on a full pipe). {@link #finished()} completes
 * when the stream has ended and the last chunk has been handed to the RPC layer.
 *
 * <p>Runs on a thread of its own ({@link #run()} blocks: in reads and while waiting for the
 * window's answer), never on a network thread.
 */
final class OutputPump implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(OutputPump.class);
    private static final byte[] EMPTY = new byte[0];

    private final String stream;
    private final InputStream in;
    private final RemoteReference watcher;
    private final boolean logged;
    private final CommandLimits limits;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private boolean sending;
    private long unconfirmed;

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
            try {
                watcher.callRemoteOnly(stream, chunk);
                unconfirmed += chunk.length;
                if (unconfirmed >= limits.outputWindow()) {
                    waitForClient();
                }
            } catch (RuntimeException e) {
                stopSending(e);
            }
        }
        if (logged) {
            log.info("{} ({}): {}", stream, sent ? "sent" : "not sent", BytesRepr.of(chunk));
        }
    }

    /** Sends an empty chunk that is answered, and waits until it is: the client has caught up. */
    private void waitForClient() throws InterruptedException {
        try {
            watcher.callRemote(stream, EMPTY).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DeadReferenceException) {
                stopSending(e.getCause());
                return;
            }
            // any other answer (even an error) came after everything we sent: caught up
        }
        unconfirmed = 0;
    }

    private void stopSending(Throwable why) {
        if (sending) {
            sending = false;
            log.info("no longer sending {} to the client: {}", stream, why.toString());
        }
    }
}
