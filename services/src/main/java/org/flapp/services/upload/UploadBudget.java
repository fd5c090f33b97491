package org.flapp.services.upload;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * How many upload blocks the server lets be in flight at once, across every upload of every
 * upload service: a {@link Block} is held from the moment its {@code read} is sent until it has
 * been written to its file (or the read failed). An upload reserves a block before it sends a
 * read, so with many uploads at once the next read waits here instead of its answer piling up in
 * the heap: the server's memory for upload data stays near {@code blocks} x 1 MiB however many
 * clients upload (50 clients used to hold up to two blocks each).
 *
 * <p>Fair: reservations are granted in the order they were asked for, and {@link #tryReserve()}
 * never jumps the queue. No deadlock: a block is given back once it is written, which never
 * waits for another reservation.
 *
 * <p>Not a lever for a hostile client: a read its client does not answer within the
 * {@linkplain #DEFAULT_ANSWER_GRACE answer grace} gives its block back ({@link #graceFor}), so
 * clients that sit on reads (as many as the budget has blocks, or more) slow the others by at
 * most the grace per block, never stop them. The bound is therefore soft: a late answer still
 * arrives, uncounted. What one connection can make the server hold is bounded where it is read
 * (the RPC layer's message and string limits); this budget only keeps honest bursts small.
 *
 * <p>Thread-safe. The future of {@link #reserve()} is completed on the thread that gives back
 * the block it gets (an upload thread, or the JDK's delay thread for an expired grace);
 * continue on an executor of your own.
 */
public final class UploadBudget {
    /**
     * The server's default: 8 blocks of 1 MiB ({@code -Dflapp.upload.budget=N} changes it, for
     * A/B runs). Two uploads keep the disk and the network busy on their own; more only wait.
     */
    public static final int DEFAULT_BLOCKS = Math.max(1, Integer.getInteger("flapp.upload.budget", 8));

    /**
     * How long a sent read may go unanswered before its block counts no more: 2 s. An honest
     * client answers within milliseconds on an idle machine and within a second or so when 50 of
     * them share two cores; one that takes longer only loses its place in the count.
     */
    public static final Duration DEFAULT_ANSWER_GRACE = Duration.ofSeconds(2);

    private final int blocks;
    private final long graceNanos;
    private int free;
    private final ArrayDeque<CompletableFuture<Block>> waiting = new ArrayDeque<>();

    /** @param blocks how many blocks may be in flight at once, at least 1 */
    public UploadBudget(int blocks) {
        this(blocks, DEFAULT_ANSWER_GRACE);
    }

    /**
     * @param blocks how many blocks may be in flight at once, at least 1
     * @param answerGrace how long a read may go unanswered before its block is given back
     */
    public UploadBudget(int blocks, Duration answerGrace) {
        if (blocks < 1) {
            throw new IllegalArgumentException("an upload budget needs at least one block, not " + blocks);
        }
        if (answerGrace.isNegative() || answerGrace.isZero()) {
            throw new IllegalArgumentException("the answer grace must be positive, not " + answerGrace);
        }
        this.blocks = blocks;
        this.graceNanos = answerGrace.toNanos();
        this.free = blocks;
    }

    /** One reserved block; giving it back twice is harmless. */
    final class Block {
        private boolean held = true;

        /** Gives the block back: to the oldest waiting reservation, else to the free ones. */
        void release() {
            CompletableFuture<Block> next;
            synchronized (UploadBudget.this) {
                if (!held) {
                    return;
                }
                held = false;
                next = waiting.poll();
                if (next == null) {
                    free++;
                    return;
                }
            }
            // outside the lock: whatever the waiter chained runs here
            next.complete(new Block());
        }
    }

    /** Reserves a block now if one is free and nobody is waiting; null if it did not. */
    synchronized Block tryReserve() {
        if (free > 0 && waiting.isEmpty()) {
            free--;
            return new Block();
        }
        return null;
    }

    /** A future that completes with a block once one is reserved for the caller (at once when one is free). */
    CompletableFuture<Block> reserve() {
        synchronized (this) {
            if (free > 0 && waiting.isEmpty()) {
                free--;
                return CompletableFuture.completedFuture(new Block());
            }
            CompletableFuture<Block> turn = new CompletableFuture<>();
            waiting.add(turn);
            return turn;
        }
    }

    /**
     * Gives {@code block} back if {@code answer} has not come within the answer grace. The timer
     * keeps neither the answer nor its bytes: only a flag the answer sets.
     */
    void graceFor(Block block, CompletableFuture<?> answer) {
        Answered answered = new Answered();
        answer.whenComplete((value, error) -> answered.done = true);
        CompletableFuture.delayedExecutor(graceNanos, TimeUnit.NANOSECONDS, Runnable::run).execute(() -> {
            if (!answered.done) {
                block.release();
            }
        });
    }

    private static final class Answered {
        volatile boolean done;
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
