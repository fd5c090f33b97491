package org.flapp.config;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flapp.testsupport.PythonFoolscap;

/**
 * Runs the Python Foolscap programs the interop tests compare against. When they are missing the
 * tests are skipped, except with CI=true, where a missing peer fails them.
 */
final class PythonPeer {
    static final Path PYTHON = Path.of(PythonFoolscap.python());
    private static final long TIMEOUT_SECONDS = 60;

    record Result(int exitCode, String stdout, String stderr) {
        Result expectSuccess() {
            if (exitCode != 0) {
                fail("Python exited with " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr);
            }
            return this;
        }
    }

    private PythonPeer() {}

    /** Skips (or, with CI=true, fails) the test when Python Foolscap is not installed. */
    static void assumeAvailable() {
        PythonFoolscap.require();
    }

    static Path script(String name) {
        String repo = System.getProperty("flapp.repo.dir");
        Path base = repo != null ? Path.of(repo, "config") : Path.of("");
        return base.resolve("src/test/python").resolve(name);
    }

    static Result run(Path workDir, String stdin, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).start();
        CompletableFuture<String> out = readAsync(process.getInputStream());
        CompletableFuture<String> err = readAsync(process.getErrorStream());
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("timed out: " + command);
        }
        return new Result(process.exitValue(), out.join(), err.join());
    }

    static Result run(Path workDir, String... command) throws IOException, InterruptedException {
        return run(workDir, null, List.of(command));
    }

    private static CompletableFuture<String> readAsync(java.io.InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "<read failed: " + e + ">";
            }
        });
    }
}
