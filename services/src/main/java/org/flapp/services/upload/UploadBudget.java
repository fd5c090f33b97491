package org.flapp.services.upload;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * How many upload blocks the server lets be in flight at once, across every upload of every
 * upload service: a block is counted from the moment its {@code read} is sent until it has been
 * written to its file (or the read failed). An upload reserves a block before it sends a read,
 * so with many uploads at once the next read waits here instead of its answer piling up in the
 * heap: the server's memory for upload data stays near {@code blocks} x 1 MiB however many
 * clients upload (50 clients used to hold up to two blocks each).
 *
 * <p>Fair: reservations are granted in the order they were asked for, and {@link #tryReserve()}
 * never jumps the queue. No deadlock: a block's reservation is released once it is written,
 * which never waits for another reservation. Pitfall: a client that never answers a read keeps
 * its reservation until its connection is lost; {@code blocks} clients doing so at once would
 * stall every other upload, so the budget is several times what one upload uses (two blocks).
 *
 * <p>Thread-safe. The future of {@link #reserve()} is completed on the thread that releases the
 * block it gets; continue on an executor of your own.
 */
public final class UploadBudget {
    /**
     * The server's default: 8 blocks of 1 MiB ({@code -Dflapp.upload.budget=N} changes it, for
     * A/B runs). Two uploads keep the disk and the network busy on their own; more only wait.
     */
    public static final int DEFAULT_BLOCKS = Math.max(1, Integer.getInteger("flapp.upload.budget", 8));

    private final int blocks;
    private int free;
    private final ArrayDeque<CompletableFuture<Void>> waiting = new ArrayDeque<>();

    /** @param blocks how many blocks may be in flight at once, at least 1 */
    public UploadBudget(int blocks) {
        if (blocks < 1) {
            throw new IllegalArgumentException("an upload budget needs at least one block, not " + blocks);
        }
        this.blocks = blocks;
        this.free = blocks;
    }

    /** Reserves a block now if one is free and nobody is waiting; true if it did. */
    synchronized boolean tryReserve() {
        if (free > 0 && waiting.isEmpty()) {
            free--;
            return true;
        }
        return false;
    }

    /** A future that completes once a block is reserved for the caller (at once when one is free). */
    CompletableFuture<Void> reserve() {
        synchronized (this) {
            if (free > 0 && waiting.isEmpty()) {
                free--;
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> turn = new CompletableFuture<>();
            waiting.add(turn);
            return turn;
        }
    }

    /** Gives a reserved block back: to the oldest waiting reservation, else to the free ones. */
    void release() {
        CompletableFuture<Void> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                if (free == blocks) {
                    throw new IllegalStateException("upload budget released more often than reserved");
                }
                free++;
                return;
            }
        }
        // outside the lock: whatever the waiter chained runs here
        next.complete(null);
    }

    /** Blocks reserved right now. */
    public synchronized int inFlight() {
        return blocks - free;
    }

    /** Reservations waiting for a block right now. */
    public synchronized int waiting() {
        return waiting.size();
    }
}
