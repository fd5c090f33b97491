package org.flapp.services.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting on conditions instead of sleeping a fixed time (a loaded machine is slow). */
public final class Eventually {
    /** How long a condition that should come true may take, at most. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private Eventually() {}

    /** Returns once {@code condition} holds; fails the test after {@link #PATIENCE}. */
    public static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE + ": " + what);
            }
            Thread.sleep(10);
        }
    }

    /**
     * Checks that {@code condition} stays true for all of {@code period} (a thing that must not
     * happen can only be watched for a while); fails at the first moment it is false.
     */
    public static void holdsFor(Duration period, BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + period.toNanos();
        do {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("no longer true: " + what);
            }
            Thread.sleep(10);
        } while (System.nanoTime() < end);
    }
}
