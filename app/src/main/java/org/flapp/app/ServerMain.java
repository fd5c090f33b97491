package org.flapp.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * SIGTERM or SIGINT. The foreground mode (systemd, containers), the background child that
 * {@link DaemonLauncher} spawns and the server the launcher script detaches all run this.
 *
 * <p>Once the port is bound (or the socket systemd passed is served) it writes the pid file, then
 * says it is ready: to the launcher that waits for its child (the ready file) and to systemd
 * ({@code READY=1}, {@link SystemdNotifier}). A shutdown hook tells systemd {@code STOPPING=1},
 * closes the Tub (connections are dropped, no new calls start) and deletes the pid file, so SIGTERM
 * from {@code flappserver stop} (ours or Python's) is a clean stop.
 *
 * <p>Umask: a JVM cannot set its own, so this only checks it. The background launcher applies the
 * recorded umask through {@code /bin/sh}; under systemd set {@code UMask=} in the unit. A mismatch
 * is logged as a warning. So is {@code --rundir} in the foreground: the working directory stays.
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
     * @param settings what twistd's options ask (log, pid file, umask, working directory)
     * @param readyFile where the launcher of a background child waits for its pid
     */
    static int run(Path basedir, TwistdOptions.Settings settings, Optional<Path> readyFile, OptionalInt maxCommands,
                   PrintWriter out, PrintWriter err) {
        BaseDirectory dir;
        try {
            dir = BaseDirectory.open(basedir);
        } catch (ConfigException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        }
        Optional<PidFile> pidFile = settings.pidFile().map(p -> new PidFile(basedir, p));
        try {
            Optional<ProcessHandle> other = pidFile.isPresent() ? pidFile.get().liveProcess() : Optional.empty();
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
        LogSetup.apply(settings.log());
        checkUmask(dir, settings.umask());
        checkRundir(settings.rundir());
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
            if (pidFile.isPresent()) {
                pidFile.get().write(pid);
            }
        } catch (IOException e) {
            log.error("cannot write {}: {}", pidFile.get().path(), e.toString());
            err.println("Error: cannot write " + pidFile.get().path() + ": " + e.getMessage());
            server.close();
            services.close();
            lock.get().release();
            return 1;
        }
        SystemdNotifier notifier = SystemdNotifier.fromEnvironment(System.getenv());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down (signal or exit)");
            notifier.stopping();
            server.close();
            services.close(); // running commands get SIGTERM
            pidFile.ifPresent(p -> p.deleteIfOwnedBy(pid));
            lock.get().release();
            stopped.countDown();
        }, "flappserver-shutdown"));
        log.info("flappserver running in {}, pid {}, TubID {}, at most {} commands at once",
                basedir.toAbsolutePath(), pid, server.tubId(), commandCap);
        notifier.ready(pid);
        readyFile.ifPresent(file -> announce(file, pid));
        out.println("Server Running");
        out.flush();
        server.preloadConnectionsInBackground();
        awaitForever(stopped);
        return 0;
    }

    /** Tells the launcher waiting for this child that it serves; it gives up on its own if this fails. */
    private static void announce(Path readyFile, long pid) {
        try {
            Files.writeString(readyFile, Long.toString(pid), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            log.warn("cannot write {}: {}", readyFile, e.toString());
        }
    }

    private static void checkRundir(Path rundir) {
        Path cwd = Path.of("").toAbsolutePath();
        if (!cwd.equals(rundir)) {
            log.warn("--rundir {}: a server in the foreground keeps its working directory {} (a JVM cannot change it;"
                    + " set WorkingDirectory= in the service manager)", rundir, cwd);
        }
    }

    /** The base directory's umask file wins, as in Python's server; else {@code --umask}. */
    private static void checkUmask(BaseDirectory dir, OptionalInt option) {
        try {
            OptionalInt recorded = dir.umask();
            OptionalInt wanted = recorded.isPresent() ? recorded : option;
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
