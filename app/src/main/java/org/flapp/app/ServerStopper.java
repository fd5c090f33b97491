package org.flapp.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code flappserver stop}: asks the server named in {@code twistd.pid} to exit (SIGTERM), waits for
 * it, and kills it (SIGKILL) after the grace period. Works on servers started by Python's
 * flappserver too, since both use the same pid file.
 *
 * <p>Exit statuses as Python's: 0 stopped, 2 nothing was running (no pid file, or its process is
 * gone: the stale file is removed). Messages as Python's, except that Python says "SIGKILL sent"
 * when it sends SIGTERM; this says what it sends. Not thread-safe; one stop per call.
 */
final class ServerStopper {
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(15);

    private final Duration grace;

    ServerStopper(Duration grace) {
        this.grace = grace;
    }

    /**
     * @param quiet say nothing when no server is running (restart)
     */
    int stop(Path basedir, boolean quiet, PrintWriter err) {
        PidFile pidFile = new PidFile(basedir);
        OptionalLong recorded;
        try {
            recorded = pidFile.read();
        } catch (IOException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        }
        if (recorded.isEmpty()) {
            if (!quiet) {
                err.println(basedir + " does not look like a running node directory (no twistd.pid)");
            }
            return 2;
        }
        long pid = recorded.getAsLong();
        Optional<ProcessHandle> process;
        try {
            process = pidFile.liveProcess();  // never a zombie or an unrelated process that reused the pid
        } catch (IOException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        }
        if (process.isEmpty() || !process.get().destroy()) {
            pidFile.delete();
            err.println("process " + pid + " wasn't running, removing twistd.pid to cleanup");
            return 2;
        }
        err.println("SIGTERM sent to process " + pid + ", waiting for shutdown");
        err.flush();
        if (waitForExit(process.get(), grace)) {
            pidFile.delete();
            err.println("process " + pid + " terminated");
            return 0;
        }
        err.println("Process " + pid + " didn't respond to SIGTERM, sending SIGKILL.");
        process.get().destroyForcibly();
        waitForExit(process.get(), Duration.ofSeconds(5));
        pidFile.delete();
        return 0;
    }

    private static boolean waitForExit(ProcessHandle process, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (process.isAlive()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !process.isAlive();
            }
        }
        return true;
    }
}
