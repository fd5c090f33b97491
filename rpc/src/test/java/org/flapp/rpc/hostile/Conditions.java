package org.flapp.rpc.hostile;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for a condition with a generous upper bound, instead of sleeping and then asserting. */
public final class Conditions {
    private Conditions() {}

    /** Polls {@code condition} until it holds; fails naming {@code state} if it has not within {@code limit}. */
    public static void await(Duration limit, BooleanSupplier condition, Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + limit.toSeconds() + " s: " + state.get());
            }
            Thread.sleep(10);
        }
    }
}
