package org.flapp.services.testing;

import java.util.concurrent.atomic.AtomicInteger;

/** Reads sent and not yet answered, across any number of {@link FileSource}s, and the most at once. */
public final class ReadCounter {
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    void sent() {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    void answered() {
        inFlight.decrementAndGet();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }
}
