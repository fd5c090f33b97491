package org.flapp.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.flapp.rpc.Tub;
import org.flapp.rpc.TubIdentity;

/**
 * Start-up work of a connecting command done in parallel: the throw-away identity (loading the
 * JDK's EC provider and curve tables is most of its cost) and the RPC engine's native libraries
 * each get a thread of their own from the first line of {@code main}, while the main thread
 * parses the command line, reads the FURL and opens the file. On two cores this takes about the
 * shorter of the two off the wall time of a small upload (docs/performance.md).
 *
 * <p>Only {@link FlappClient#main} starts it, and only for command lines that name a command that
 * connects; everything else (tests running the client in-process, {@code --help}) makes its
 * identity when it connects, as before. A guess that turns out wrong (a usage error) costs some
 * CPU, nothing else: the threads are daemons.
 */
final class EngineWarmup {
    /** How long {@link #finish} waits for the native-library cache (first runs only). */
    private static final long CACHE_FILL_WAIT_MILLIS = 5_000;

    private static volatile CompletableFuture<TubIdentity> identity;
    private static volatile Thread cacheFill;

    private EngineWarmup() {
    }

    static void start(String[] args) {
        if (!connects(args)) {
            return;
        }
        CompletableFuture<TubIdentity> made = new CompletableFuture<>();
        identity = made;
        daemon("flapp-keygen", () -> {
            try {
                made.complete(TubIdentity.generateEphemeral());
            } catch (RuntimeException | Error e) {
                made.completeExceptionally(e);
            }
        });
        Thread preload = daemon("flapp-preload", () -> {
            Tub.preloadEngine();
            NativeLibraryCache.fillIfAsked();   // once per JDK and jar set, for the runs after this one
        });
        if (NativeLibraryCache.asked()) {
            cacheFill = preload;
        }
    }

    /**
     * Called before the JVM exits: when the launcher asked for the native-library cache, lets the
     * copy finish (a few hundredths of a second, once per JDK and jar set), so that a run that
     * ends quickly, e.g. on a refused connection, still leaves it whole for the next runs.
     */
    static void finish() {
        Thread filling = cacheFill;
        if (filling == null) {
            return;
        }
        try {
            filling.join(CACHE_FILL_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The identity made ahead (once), else a new one made now. */
    static TubIdentity identity() {
        CompletableFuture<TubIdentity> made = identity;
        identity = null;
        if (made != null) {
            try {
                return made.join();
            } catch (CompletionException e) {
                // make it again below, where a failure is reported the usual way
            }
        }
        return TubIdentity.generateEphemeral();
    }

    static boolean connects(String[] args) {
        boolean command = false;
        for (String arg : args) {
            switch (arg) {
                case "upload-file", "run-command" -> command = true;
                case "-h", "--help", "-V", "--version" -> {
                    return false;
                }
                default -> {
                }
            }
        }
        return command;
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
