package org.flapp.rpc;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The failure a future completed with, without the wrappers {@code CompletableFuture} adds around
 * it ({@link CompletionException} from {@code join} and dependent stages,
 * {@link ExecutionException} from {@code get}). Stateless.
 */
public final class Completions {
    private Completions() {}

    /** {@code failure} with every {@link CompletionException}/{@link ExecutionException} layer removed. */
    public static Throwable cause(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
