package org.flapp.rpc.internal.slicer;

import java.util.List;
import org.flapp.rpc.Tuple;

/**
 * How the decoder makes a {@link Tuple} that exists before its items, which a tuple that contains
 * a reference to itself needs. {@code Tuple} is immutable to everyone else, so it keeps this out
 * of its public API and hands it over here once, when the class is initialised (the pattern of
 * the JDK's "shared secrets"). Thread-safe.
 */
public final class TupleConstruction {
    /** What {@code Tuple} lets the decoder do. */
    public interface Maker {
        /** A tuple whose items are not known yet. */
        Tuple placeholder();

        /** Gives a {@link #placeholder()} its items; fails if it already has them. */
        void complete(Tuple placeholder, List<?> items);
    }

    private static Maker maker;

    private TupleConstruction() {}

    /** Called by {@code Tuple} alone, once; a second call fails. */
    public static synchronized void install(Maker tupleMaker) {
        if (maker != null) {
            throw new IllegalStateException("Tuple's construction support is installed already");
        }
        maker = tupleMaker;
    }

    static Maker maker() {
        Tuple.of(); // makes sure Tuple is initialised, which installs its maker
        synchronized (TupleConstruction.class) {
            return maker;
        }
    }
}
