package org.flapp.app;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flapp.testsupport.PythonFoolscap;

/**
 * Runs Python Foolscap's {@code flappserver} and {@code flappclient} (the oracle) as processes.
 * When they are missing the calling test is skipped, or fails when {@code CI=true}.
 */
final class PythonPeer {
    private PythonPeer() {}

    /** Skips the test without the Python peer (fails it when CI=true): see {@link PythonFoolscap}. */
    static void require() {
        PythonFoolscap.require();
    }

    static CliRun flappserver(Path cwd, String... args) {
        return run(cwd, "flappserver", args);
    }

    static CliRun flappclient(Path cwd, String... args) {
        return run(cwd, "flappclient", args);
    }

    /** Runs Python's flappclient with its stdin read from {@code stdin}. */
    static CliRun flappclientWithStdin(Path cwd, Path stdin, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("flappclient");
        cmd.addAll(List.of(args));
        return exec(cwd, cmd, 120, stdin);
    }

    static CliRun run(Path cwd, String program, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(program);
        cmd.addAll(List.of(args));
        return exec(cwd, cmd, 120);
    }

    /** Runs {@code cmd} in {@code cwd}, stdin empty, with a time limit in seconds. */
    static CliRun exec(Path cwd, List<String> cmd, int seconds) {
        return exec(cwd, cmd, seconds, Path.of("/dev/null"));
    }

    /** Runs {@code cmd} in {@code cwd}, stdin read from a file, with a time limit in seconds. */
    static CliRun exec(Path cwd, List<String> cmd, int seconds, Path stdin) {
        try {
            Path out = Files.createTempFile("flapp-out", ".txt");
            Path err = Files.createTempFile("flapp-err", ".txt");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
                pb.redirectInput(ProcessBuilder.Redirect.from(stdin.toFile()));
                pb.redirectOutput(out.toFile()).redirectError(err.toFile());
                Process p = pb.start();
                if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail("timed out: " + cmd);
                }
                return new CliRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A free TCP port on loopback (free when asked; tests bind it soon after). */
    static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
