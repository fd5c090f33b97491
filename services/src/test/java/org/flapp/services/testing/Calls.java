package org.flapp.services.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.flapp.rpc.Arguments;
import org.flapp.rpc.Referenceable;

/** Invokes a service's remote method the way the RPC engine does: through its method table. */
public final class Calls {
    private Calls() {}

    /**
     * Runs {@code method}; a plain answer or a thrown error become a completed future. The answer
     * counts as written to the connection at once.
     */
    public static CompletableFuture<Object> call(Referenceable target, String method, Object... args) {
        return callAnsweredWhen(CompletableFuture.completedFuture(null), target, method, args);
    }

    /** Like {@link #call}, with the answer written to the connection when {@code answerWritten} completes. */
    public static CompletableFuture<Object> callAnsweredWhen(CompletableFuture<Void> answerWritten,
            Referenceable target, String method, Object... args) {
        try {
            Object answer = target.remoteMethods().find(method)
                    .orElseThrow(() -> new AssertionError("no method " + method))
                    .invoke(Arguments.of(java.util.Arrays.asList(args), Map.of(), "fakeclienttubid",
                            answerWritten));
            if (answer instanceof CompletionStage<?> stage) {
                return stage.toCompletableFuture().thenApply(v -> (Object) v);
            }
            return CompletableFuture.completedFuture(answer);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    public static List<String> args(String... args) {
        return List.of(args);
    }
}
