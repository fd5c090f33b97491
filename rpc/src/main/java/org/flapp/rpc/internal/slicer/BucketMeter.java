package org.flapp.rpc.internal.slicer;

import java.util.HashMap;
import java.util.Map;

/**
 * How many entries of one hash table share each hash. Inserting into a bucket of k entries costs
 * about k comparisons, so charging k per insertion (see {@link PyKeys#chargeInsertion}) makes a
 * peer that sends set members or dict keys with colliding hashes (cheap to find for Java's and
 * Python's integer and string hashes) pay the quadratic cost out of its message's work budget
 * instead of stalling the event loop. Its own keys are Integers, which a HashMap keeps in a
 * sorted tree when they collide, so the meter stays cheap itself.
 */
final class BucketMeter {
    private final Map<Integer, Integer> sizes = new HashMap<>();

    /** Records one more entry with this hash; returns the bucket's size, this one included. */
    int add(int hash) {
        return sizes.merge(hash, 1, Integer::sum);
    }
}
