package org.flapp.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import org.flapp.config.BaseDirectory;
import org.flapp.config.ConfigException;
import org.flapp.services.ServiceFactory;
import org.flapp.services.command.CommandLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code flappserver start --nodaemon}: runs the server of a base directory in this process until
 * SIGTERM or SIGINT. Both the foreground mode (systemd, containers) and the background child that
 * {@link DaemonLauncher} spawns run this.
 *
 * <p>Order matters for the launcher, which waits for {@code twistd.pid} to name its child: the pid
 * file is written only once the port is bound. A shutdown hook closes the Tub (connections are
 * dropped, no new calls start) and deletes the pid file, so SIGTERM from {@code flappserver stop}
 * (ours or Python's) is a clean stop.
 *
 * <p>Umask: a JVM cannot set its own, so this only checks it. The background launcher applies the
 * recorded umask through {@code /bin/sh}; under systemd set {@code UMask=} in the unit. A mismatch
 * is logged as a warning.
 */
final class ServerMain {
    private static final Logger log = LoggerFactory.getLogger(ServerMain.class);
    static final Duration REVOCATION_POLL = Duration.ofSeconds(1);
    /** The uploads in progress, for the next start to clean up after a crash (see UploadLeftovers). */
    static final String UPLOAD_JOURNAL = "uploads-in-progress";

    private ServerMain() {}

    /**
     * Runs until the JVM is asked to exit; returns only when starting failed (status 1).
     *
     * @param logToFile log to {@code flappserver.log} (background child) instead of stdout
     */
    static int run(Path basedir, boolean logToFile, OptionalInt maxCommands, PrintWriter out, PrintWriter err) {
        BaseDirectory dir;
        try {
            dir = BaseDirectory.open(basedir);
        } catch (ConfigException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        }
        PidFile pidFile = new PidFile(basedir);
        try {
            Optional<ProcessHandle> other = pidFile.liveProcess();
            long self = ProcessHandle.current().pid();
            if (other.isPresent() && other.get().pid() != self) {
                err.println("Another server is running, PID " + other.get().pid());
                return 1;
            }
        } catch (IOException e) {
            err.println("Error: " + e.getMessage() + " (delete it if no server is running)");
            return 1;
        }
        int commandCap;
        Optional<ServerLock> lock;
        try {
            commandCap = CommandCap.resolve(basedir, maxCommands);
            lock = ServerLock.acquire(basedir);
        } catch (IOException | IllegalArgumentException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        }
        if (lock.isEmpty()) {
            err.println("Another server is running in " + basedir + " (it holds " + ServerLock.FILE_NAME + ")");
            return 1;
        }
        if (logToFile) {
            LogSetup.toFile(basedir);
        } else {
            LogSetup.toStdout();
        }
        checkUmask(dir);
        Path journal = basedir.resolve(UPLOAD_JOURNAL);
        StartupCleanup.removeUploadLeftovers(dir, journal);
        ServiceFactory services = new ServiceFactory(CommandLimits.DEFAULTS, commandCap, journal);
        RunningServer server;
        try {
            server = RunningServer.start(dir, services::build, REVOCATION_POLL);
        } catch (ConfigException | RuntimeException e) {
            services.close();
            String reason = e instanceof ConfigException || e.getMessage() != null ? e.getMessage() : e.toString();
            log.error("the server failed to start: {}", reason);
            log.debug("start-up failure", e);
            err.println("Error: the server failed to start: " + reason);
            lock.get().release();
            return 1;
        }
        long pid = ProcessHandle.current().pid();
        try {
            pidFile.write(pid);
        } catch (IOException e) {
            log.error("cannot write {}: {}", pidFile.path(), e.toString());
            err.println("Error: cannot write " + pidFile.path() + ": " + e.getMessage());
            server.close();
            services.close();
            lock.get().release();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down (signal or exit)");
            server.close();
            services.close(); // running commands get SIGTERM
            pidFile.deleteIfOwnedBy(pid);
            lock.get().release();
            stopped.countDown();
        }, "flappserver-shutdown"));
        log.info("flappserver running in {}, pid {}, TubID {}, at most {} commands at once",
                basedir.toAbsolutePath(), pid, server.tubId(), commandCap);
        out.println("Server Running");
        out.flush();
        awaitForever(stopped);
        return 0;
    }

    private static void checkUmask(BaseDirectory dir) {
        try {
            OptionalInt wanted = dir.umask();
            OptionalInt actual = Umask.current();
            if (wanted.isPresent() && actual.isPresent() && wanted.getAsInt() != actual.getAsInt()) {
                log.warn("running with umask {} but {} asks for {}: start the server with 'flappserver start'"
                        + " (which applies it) or set UMask={} in the service manager", Umask.format(actual.getAsInt()),
                        dir.path().resolve("umask"), Umask.format(wanted.getAsInt()), Umask.format(wanted.getAsInt()));
            }
        } catch (ConfigException e) {
            log.warn("{}", e.getMessage());
        }
    }

    private static void awaitForever(CountDownLatch stopped) {
        while (true) {
            try {
                stopped.await();
                return;
            } catch (InterruptedException e) {
                // only a shutdown ends the server
            }
        }
    }
}
