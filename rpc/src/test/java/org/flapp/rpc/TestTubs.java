package org.flapp.rpc;

import org.flapp.rpc.internal.tub.TubRuntime;

/** Builds a {@link Tub} around a runtime a test made (with a manual clock) and keeps a handle on. */
public final class TestTubs {
    private TestTubs() {}

    public static Tub around(TubRuntime runtime) {
        return new Tub(runtime);
    }
}
