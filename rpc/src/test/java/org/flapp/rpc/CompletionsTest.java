package org.flapp.rpc;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class CompletionsTest {
    @Test
    void removesEveryLayerAFutureAdds() throws Exception {
        IllegalStateException failure = new IllegalStateException("x");
        CompletableFuture<Object> f = CompletableFuture.failedFuture(failure);
        Throwable joined = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> f.thenApply(v -> v).join());
        assertSame(failure, Completions.cause(joined));
        assertSame(failure, Completions.cause(new ExecutionException(new CompletionException(failure))));
    }

    @Test
    void leavesOtherFailuresAndEmptyWrappersAlone() {
        IllegalStateException failure = new IllegalStateException("x", new CompletionException("inner", null));
        assertSame(failure, Completions.cause(failure));
        CompletionException empty = new CompletionException("no cause", null);
        assertSame(empty, Completions.cause(empty));
    }
}
