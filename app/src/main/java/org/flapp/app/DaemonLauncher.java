package org.flapp.app;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.flapp.config.BaseDirectory;
import org.flapp.config.ConfigException;

/**
 * {@code flappserver start} without {@code --nodaemon}: launches the server as a detached
 * background process and returns once it serves, or says why it could not.
 *
 * <p>The child is {@code setsid /bin/sh -c 'umask NNN; exec "$0" "$@"' JAVA -cp CLASSPATH
 * org.flapp.app.FlappServer start --nodaemon [twistd options] --ready-file F BASEDIR}: {@code setsid}
 * gives it a session of its own (no SIGHUP when the terminal goes), the shell applies the umask
 * (a JVM cannot), and every step {@code exec}s, so the child's pid is the server's pid. Its working
 * directory is {@code --rundir} (the base directory by default). Its stdin is {@code /dev/null};
 * its stdout and stderr are appended to its log file (what the JVM says besides logging: twistd too
 * sends a daemon's output to its log), or discarded when it logs to syslog. The JVM gets
 * {@link #SERVER_JVM_OPTIONS} (heap bound, exit on OutOfMemoryError), then the options of the
 * environment variable {@code FLAPPSERVER_JAVA_OPTS} (e.g. {@code -Xmx1g}: later ones win).
 *
 * <p>The umask is twistd's and Python's flappserver's: the base directory's {@code umask} file if
 * there is one (Python's server applies it last), else {@code --umask}, else 0077.
 *
 * <p>Ready means: the child wrote its pid into the ready file, which it does once it accepts
 * connections and has written its pid file (if any). Not thread-safe; one launch per instance.
 *
 * <p>The launcher script ({@code bin/flappserver}) usually does this itself, saving a JVM: it
 * detaches {@code start --detached=READYFILE} the same way, and that server runs {@link #check}
 * (see {@code StartCommand}). This class serves {@code restart}, {@code FLAPP_DETACH=off} and the
 * arguments the script leaves to picocli.
 */
final class DaemonLauncher {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** The server's default heap bound (documented in docs/admin.md). */
    static final String DEFAULT_HEAP = "512m";
    /** twistd's umask for a daemon when nothing else sets one. */
    static final int DAEMON_UMASK = 0077;
    private static final String MAIN_CLASS = "org.flapp.app.FlappServer";

    /**
     * JVM options every background server gets first (so {@code FLAPPSERVER_JAVA_OPTS} can
     * override them): a bounded heap, and exit on OutOfMemoryError, so that a server out of
     * memory ends (and its service manager restarts it) instead of living on unresponsive.
     */
    static final List<String> SERVER_JVM_OPTIONS = List.of("-Xmx" + DEFAULT_HEAP, "-XX:+ExitOnOutOfMemoryError");

    private final Duration timeout;
    private final List<String> childOptions;

    /** @param childOptions options of {@code start} passed on to the background server, besides twistd's */
    DaemonLauncher(Duration timeout, List<String> childOptions) {
        this.timeout = timeout;
        this.childOptions = List.copyOf(childOptions);
    }

    /** Launches and waits; returns the exit status for {@code flappserver start}. */
    int launch(Path basedir, TwistdOptions.Settings settings, PrintWriter out, PrintWriter err) {
        err.println("Launching Server...");
        err.flush();
        Optional<TwistdOptions.Settings> checked = check(basedir, settings, err);
        if (checked.isEmpty()) {
            return 1;
        }
        TwistdOptions.Settings child = checked.get();
        Path readyFile;
        try {
            readyFile = Files.createTempFile("flappserver-", ".ready");
        } catch (IOException e) {
            err.println("Error: cannot make a temporary file: " + e.getMessage());
            return 1;
        }
        try {
            List<String> options = new ArrayList<>(TwistdOptions.forChild(child));
            options.add("--ready-file=" + readyFile);
            options.addAll(childOptions);
            Process process;
            try {
                ProcessBuilder pb = new ProcessBuilder(command(basedir.toAbsolutePath(), child.umask(), options));
                pb.directory(settings.rundir().toFile());
                pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                pb.redirectOutput(settings.log().kind() == LogTarget.Kind.FILE
                        ? ProcessBuilder.Redirect.appendTo(settings.log().file().toFile())
                        : ProcessBuilder.Redirect.DISCARD);
                pb.redirectErrorStream(true);
                process = pb.start();
            } catch (IOException e) {
                err.println("Error: cannot launch the server process: " + e.getMessage());
                return 1;
            }
            return awaitReady(process, readyFile, settings.log(), out, err);
        } finally {
            try {
                Files.deleteIfExists(readyFile);
            } catch (IOException e) {
                // a temporary file of a few bytes; the system's cleaning takes it
            }
        }
    }

    /**
     * What must hold before a background server starts, checked where the user still sees the
     * answer: the base directory opens, its port is one a background server can take, no live
     * process holds the pid file (a stale one is deleted). Returns the background server's
     * settings (the umask decided: the base directory's {@code umask} file, else {@code --umask},
     * else 0077), or empty after saying why on {@code err}. Also run by a server that the launcher
     * script detached itself ({@code start --detached}), which then is the process named in the
     * pid file: {@code self} is not "another server".
     */
    static Optional<TwistdOptions.Settings> check(Path basedir, TwistdOptions.Settings settings, PrintWriter err) {
        int umask;
        try {
            BaseDirectory dir = BaseDirectory.open(basedir);
            SystemdPort.check(dir.port());
            OptionalInt recorded = dir.umask();
            umask = recorded.isPresent() ? recorded.getAsInt() : settings.umask().orElse(DAEMON_UMASK);
            dir.location(); // fail here, not in the child, when it is missing
        } catch (ConfigException e) {
            err.println("Error: " + e.getMessage());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            err.println("Error: bad port in " + basedir.resolve("port") + ": " + e.getMessage());
            return Optional.empty();
        }
        Optional<PidFile> pidFile = settings.pidFile().map(p -> new PidFile(basedir, p));
        if (pidFile.isPresent()) {
            try {
                Optional<ProcessHandle> running = pidFile.get().liveProcess();
                if (running.isPresent() && running.get().pid() != ProcessHandle.current().pid()) {
                    err.println("Another server is running, PID " + running.get().pid());
                    return Optional.empty();
                }
            } catch (IOException e) {
                err.println("Error: " + e.getMessage() + " (delete it if no server is running)");
                return Optional.empty();
            }
            pidFile.get().delete(); // stale: its process is gone
        }
        return Optional.of(new TwistdOptions.Settings(true, settings.log(), settings.pidFile(),
                OptionalInt.of(umask), settings.rundir()));
    }

    private int awaitReady(Process child, Path readyFile, LogTarget log, PrintWriter out, PrintWriter err) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (namesChild(readyFile, child)) {
                out.println("Server Running");
                out.flush();
                return 0;
            }
            if (!child.isAlive()) {
                err.println("Error: the server exited during start-up (status " + child.exitValue() + ")");
                printTail(log, err);
                return 1;
            }
            sleep(100);
        }
        err.println("Error: the server did not start within " + timeout.toSeconds() + " seconds; stopping it");
        child.destroy();
        printTail(log, err);
        return 1;
    }

    /** The child's command line. */
    static List<String> command(Path absoluteBasedir, OptionalInt umask, List<String> childOptions) {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid");
        } else if (Files.isExecutable(Path.of("/bin/setsid"))) {
            cmd.add("/bin/setsid");
        }
        cmd.add("/bin/sh");
        cmd.add("-c");
        String script = "exec \"$0\" \"$@\"";
        if (umask.isPresent()) {
            script = "umask " + Umask.format(umask.getAsInt()) + " && " + script;
        }
        cmd.add(script);
        cmd.add(javaExecutable());
        cmd.addAll(SERVER_JVM_OPTIONS);
        String opts = System.getenv("FLAPPSERVER_JAVA_OPTS");
        if (opts != null && !opts.isBlank()) {
            cmd.addAll(List.of(opts.trim().split("\\s+")));
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN_CLASS);
        cmd.add("start");
        cmd.add("--nodaemon");
        cmd.addAll(childOptions);
        cmd.add(absoluteBasedir.toString());
        return cmd;
    }

    /** The java binary running us (ProcessHandle), else the one in java.home. */
    static String javaExecutable() {
        Optional<String> current = ProcessHandle.current().info().command();
        if (current.isPresent() && Path.of(current.get()).getFileName().toString().startsWith("java")) {
            return current.get();
        }
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static boolean namesChild(Path readyFile, Process child) {
        try {
            String text = Files.readString(readyFile, StandardCharsets.US_ASCII).strip();
            return text.equals(Long.toString(child.pid()));
        } catch (IOException e) {
            return false; // being written
        }
    }

    /** The reason start-up failed: the last lines of the log file (the child's output is there too). */
    private static void printTail(LogTarget log, PrintWriter err) {
        if (log.kind() != LogTarget.Kind.FILE) {
            err.println("see the server's log (" + log.kind().name().toLowerCase(java.util.Locale.ROOT) + ")");
        } else {
            List<String> tail = tail(log.file(), 10);
            if (!tail.isEmpty()) {
                err.println("last lines of " + log.file() + ":");
                tail.forEach(line -> err.println("  " + line));
            }
        }
        err.flush();
    }

    static List<String> tail(Path file, int lines) {
        try {
            long size = Files.size(file);
            long from = Math.max(0, size - 16384);
            byte[] bytes;
            try (var ch = Files.newByteChannel(file)) {
                ch.position(from);
                bytes = new byte[(int) (size - from)];
                var buf = java.nio.ByteBuffer.wrap(bytes);
                while (buf.hasRemaining() && ch.read(buf) > 0) {
                    // read until full
                }
            }
            List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
