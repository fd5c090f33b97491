package org.flapp.app;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.flapp.config.BaseDirectory;
import org.flapp.config.ConfigException;

/**
 * {@code flappserver start} without {@code --nodaemon}: launches the server as a detached
 * background process and returns once it serves, or says why it could not.
 *
 * <p>The child is {@code setsid /bin/sh -c 'umask NNN; exec "$0" "$@"' JAVA -cp CLASSPATH
 * org.flapp.app.FlappServer start --nodaemon --log-to-file BASEDIR}: {@code setsid} gives it a
 * session of its own (no SIGHUP when the terminal goes), the shell applies the directory's umask
 * (a JVM cannot), and every step {@code exec}s, so the child's pid is the server's pid. Its stdin is
 * {@code /dev/null}; its stdout and stderr go to {@code flappserver.out} in the base directory
 * (emptied at each start: what the JVM and the start-up say before and besides logging); the server logs to {@code flappserver.log}. The
 * JVM gets {@link #SERVER_JVM_OPTIONS} (heap bound, exit on OutOfMemoryError), then the options of
 * the environment variable {@code FLAPPSERVER_JAVA_OPTS} (e.g. {@code -Xmx1g}: later ones win).
 *
 * <p>Ready means: {@code twistd.pid} names the child (written after the port is bound) and, for a
 * fixed port, the port accepts a TCP connection. Not thread-safe; one launch per instance.
 */
final class DaemonLauncher {
    static final String OUT_FILE = "flappserver.out";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** The server's default heap bound (documented in docs/admin.md). */
    static final String DEFAULT_HEAP = "512m";
    private static final String MAIN_CLASS = "org.flapp.app.FlappServer";

    /**
     * JVM options every background server gets first (so {@code FLAPPSERVER_JAVA_OPTS} can
     * override them): a bounded heap, and exit on OutOfMemoryError, so that a server out of
     * memory ends (and its service manager restarts it) instead of living on unresponsive.
     */
    static final List<String> SERVER_JVM_OPTIONS = List.of("-Xmx" + DEFAULT_HEAP, "-XX:+ExitOnOutOfMemoryError");

    private final Duration timeout;
    private final List<String> childOptions;

    /** @param childOptions options of {@code start} passed on to the background server */
    DaemonLauncher(Duration timeout, List<String> childOptions) {
        this.timeout = timeout;
        this.childOptions = List.copyOf(childOptions);
    }

    /** Launches and waits; returns the exit status for {@code flappserver start}. */
    int launch(Path basedir, PrintWriter out, PrintWriter err) {
        err.println("Launching Server...");
        err.flush();
        BaseDirectory dir;
        PortSpec port;
        OptionalInt umask;
        try {
            dir = BaseDirectory.open(basedir);
            port = PortSpec.parse(dir.port());
            umask = dir.umask();
            dir.location(); // fail here, not in the child, when it is missing
        } catch (ConfigException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("Error: bad port in " + basedir.resolve("port") + ": " + e.getMessage());
            return 1;
        }
        PidFile pidFile = new PidFile(basedir);
        try {
            Optional<ProcessHandle> running = pidFile.liveProcess();
            if (running.isPresent()) {
                err.println("Another server is running, PID " + running.get().pid());
                return 1;
            }
        } catch (IOException e) {
            err.println("Error: " + e.getMessage() + " (delete it if no server is running)");
            return 1;
        }
        pidFile.delete(); // stale: its process is gone

        Process child;
        try {
            ProcessBuilder pb = new ProcessBuilder(command(basedir.toAbsolutePath(), umask, childOptions));
            pb.directory(basedir.toFile());
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            File outFile = basedir.resolve(OUT_FILE).toFile();
            pb.redirectOutput(ProcessBuilder.Redirect.to(outFile)); // this run's only
            pb.redirectErrorStream(true);
            child = pb.start();
        } catch (IOException e) {
            err.println("Error: cannot launch the server process: " + e.getMessage());
            return 1;
        }
        return awaitReady(child, pidFile, port, basedir, out, err);
    }

    private int awaitReady(Process child, PidFile pidFile, PortSpec port, Path basedir, PrintWriter out, PrintWriter err) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                err.println("Error: the server exited during start-up (status " + child.exitValue() + ")");
                printTail(basedir, err);
                return 1;
            }
            if (namesChild(pidFile, child) && accepts(port)) {
                out.println("Server Running");
                out.flush();
                return 0;
            }
            sleep(100);
        }
        err.println("Error: the server did not start within " + timeout.toSeconds() + " seconds; stopping it");
        child.destroy();
        printTail(basedir, err);
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
        cmd.add("--log-to-file");
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

    private static boolean namesChild(PidFile pidFile, Process child) {
        try {
            OptionalLong pid = pidFile.read();
            return pid.isPresent() && pid.getAsLong() == child.pid();
        } catch (IOException e) {
            return false; // being written
        }
    }

    private static boolean accepts(PortSpec port) {
        if (port.port() == 0) {
            return true; // any free port: the pid file alone says it is bound
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(port.probeHost(), port.port()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The reason start-up failed: the child's own output (its one-line error, or what the JVM
     * said), else the last lines of the log.
     */
    private static void printTail(Path basedir, PrintWriter err) {
        for (String name : List.of(OUT_FILE, LogSetup.LOG_FILE)) {
            List<String> tail = tail(basedir.resolve(name), 10);
            if (!tail.isEmpty()) {
                err.println("last lines of " + basedir.resolve(name) + ":");
                tail.forEach(line -> err.println("  " + line));
                break;
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
