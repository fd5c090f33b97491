package org.flapp.rpc.hostile;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flapp.rpc.TubIdentity;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the hostile Python programs: the shared independent client (tools/miniclient.py, no
 * Foolscap inside) and our own hostile_probe.py built on it. Python or the shared folder missing:
 * the test is skipped, or fails when CI=true.
 */
final class Probe {
    static final String PYTHON = "/usr/bin/python3";
    private static final Path OWN_SCRIPT = Path.of("src/test/python/hostile_probe.py").toAbsolutePath();

    /** What a finished probe printed, and how long it ran. */
    record Result(List<String> lines, int exitCode, long millis) {
        String text() {
            return String.join("\n", lines);
        }

        boolean printed(String fragment) {
            return lines.stream().anyMatch(l -> l.contains(fragment));
        }
    }

    private Probe() {}

    static Path tools() {
        String shared = System.getProperty("flapp.shared.dir", "/work/shared");
        Path tools = Path.of(shared, "protocol", "tools");
        boolean present = Files.isRegularFile(tools.resolve("miniclient.py")) && Files.isExecutable(Path.of(PYTHON));
        if (!present) {
            if ("true".equals(System.getenv("CI"))) {
                fail("miniclient.py or " + PYTHON + " is missing: the hostile-peer tests cannot run (CI=true)");
            }
            Assumptions.abort("miniclient.py or " + PYTHON + " missing; hostile-peer tests skipped");
        }
        return tools;
    }

    /** A fresh client identity (its own TubID, so parallel probes are not duplicate connections). */
    static Path clientPem(Path dir) throws IOException {
        Path pem = Files.createTempFile(dir, "client", ".pem");
        Files.writeString(pem, TubIdentity.generate().toPem());
        return pem;
    }

    /** Starts {@code miniclient.py ARGS}. */
    static Running miniclient(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-u", tools().resolve("miniclient.py").toString()));
        command.addAll(List.of(args));
        return new Running(command);
    }

    /** Starts {@code hostile_probe.py MODE ARGS}. */
    static Running own(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-u", OWN_SCRIPT.toString(), tools().toString()));
        command.addAll(List.of(args));
        return new Running(command);
    }

    /** A running probe process. */
    static final class Running implements AutoCloseable {
        private final Process process;
        private final long startNanos = System.nanoTime();
        private final CompletableFuture<String> stdout;
        private final CompletableFuture<String> stderr;

        Running(List<String> command) throws IOException {
            process = new ProcessBuilder(command).start();
            stdout = drain(process.getInputStream());
            stderr = drain(process.getErrorStream());
        }

        private static CompletableFuture<String> drain(InputStream in) {
            return CompletableFuture.supplyAsync(() -> {
                try (in) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            });
        }

        /** Closes the probe's stdin (probes that hold a connection stop then). */
        void closeStdin() throws IOException {
            process.getOutputStream().close();
        }

        Result finish(long timeoutSeconds) throws Exception {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("probe did not finish in " + timeoutSeconds + " s");
            }
            long millis = (System.nanoTime() - startNanos) / 1_000_000;
            String out = stdout.get(10, TimeUnit.SECONDS);
            String err = stderr.get(10, TimeUnit.SECONDS);
            if (process.exitValue() != 0) {
                fail("probe exited with " + process.exitValue() + "\nstdout:\n" + out + "\nstderr:\n" + err);
            }
            return new Result(out.lines().toList(), process.exitValue(), millis);
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
