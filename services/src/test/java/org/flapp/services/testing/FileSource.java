package org.flapp.services.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.flapp.rpc.RemoteException;

/**
 * The client's upload source, as Python's flappclient offers it: {@code read(size)} answers up to
 * {@code size} bytes of a real file, then empty bytes. Can be told to fail, or to lose the
 * connection, once a number of bytes has been read. Counts calls to check the server's
 * one-read-at-a-time discipline.
 */
public final class FileSource extends FakeReference {
    private final InputStream in;
    private final long failAfter;
    private final boolean disconnectInsteadOfError;
    private final AtomicLong served = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong largestRequest = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();
    private final ReadCounter shared;

    private FileSource(Path file, long failAfter, boolean disconnect, ReadCounter shared) throws IOException {
        this.in = Files.newInputStream(file);
        this.failAfter = failAfter;
        this.disconnectInsteadOfError = disconnect;
        this.shared = shared;
    }

    public static FileSource of(Path file) throws IOException {
        return new FileSource(file, Long.MAX_VALUE, false, new ReadCounter());
    }

    /** Also counts its reads in flight in {@code shared}, with those of other sources. */
    public static FileSource counting(Path file, ReadCounter shared) throws IOException {
        return new FileSource(file, Long.MAX_VALUE, false, shared);
    }

    /** Answers read() with an error once {@code bytes} have been served. */
    public static FileSource failingAfter(Path file, long bytes) throws IOException {
        return new FileSource(file, bytes, false, new ReadCounter());
    }

    /** Loses the connection once {@code bytes} have been served. */
    public static FileSource disconnectingAfter(Path file, long bytes) throws IOException {
        return new FileSource(file, bytes, true, new ReadCounter());
    }

    @Override
    protected Object answer(String method, Object[] args) throws Exception {
        if (!method.equals("read")) {
            throw new RemoteException("builtins.AttributeError", "no method " + method);
        }
        {
            reads.incrementAndGet();
            long size = ((Number) args[0]).longValue();
            largestRequest.accumulateAndGet(size, Math::max);
            if (served.get() >= failAfter) {
                if (disconnectInsteadOfError) {
                    disconnect();
                    return new java.util.concurrent.CompletableFuture<>();  // never answered
                }
                throw new RemoteException("builtins.OSError", "disk on fire");
            }
            byte[] block = in.readNBytes((int) size);
            served.addAndGet(block.length);
            return block;
        }
    }

    /** Counts the reads the server has sent and not yet received the answer of. */
    @Override
    public java.util.concurrent.CompletableFuture<Object> callRemote(String method, Object... args) {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        shared.sent();
        return super.callRemote(method, args).whenComplete((v, e) -> {
            inFlight.decrementAndGet();
            shared.answered();
        });
    }

    @Override
    protected void receiveOnly(String method, Object[] args) {
        throw new AssertionError("the upload service never sends calls without answer: " + method);
    }

    public int maxReadsInFlight() {
        return maxInFlight.get();
    }

    public long largestRequest() {
        return largestRequest.get();
    }

    public int reads() {
        return reads.get();
    }

    @Override
    public void close() {
        super.close();
        try {
            in.close();
        } catch (IOException ignored) {
            // test cleanup
        }
    }
}
