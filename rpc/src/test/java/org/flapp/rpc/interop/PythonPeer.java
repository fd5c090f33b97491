package org.flapp.rpc.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs interop_peer.py under the system Python with Debian's python3-foolscap. When the peer is
 * missing, tests are skipped on a developer machine but fail in CI (CI=true).
 */
final class PythonPeer implements AutoCloseable {
    static final String PYTHON = "/usr/bin/python3";
    private static final Path SCRIPT = Path.of("src/test/python/interop_peer.py").toAbsolutePath();

    private final Process process;
    private final BufferedReader stdout;

    private PythonPeer(Process process) {
        this.process = process;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Skips (or, in CI, fails) the calling test unless Python Foolscap is installed. */
    static void require() {
        boolean present;
        try {
            Process check = new ProcessBuilder(PYTHON, "-c", "import foolscap").redirectErrorStream(true).start();
            present = check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            present = false;
        }
        if (!present) {
            if ("true".equals(System.getenv("CI"))) {
                fail("python3-foolscap is not installed: the interop tests cannot run (CI=true)");
            }
            Assumptions.abort("python3-foolscap is not installed; interop tests skipped");
        }
    }

    /** Starts the peer with {@code args}, its stderr going to the test's stderr. */
    static PythonPeer start(String... args) throws IOException {
        require();
        if (!Files.exists(SCRIPT)) {
            fail("missing " + SCRIPT);
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, "-u", SCRIPT.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        return new PythonPeer(process);
    }

    /** The next line of the peer's stdout, or null at end of output. */
    String readLine() throws IOException {
        return stdout.readLine();
    }

    /** Every remaining line of stdout, then waits for the exit status. */
    List<String> readAll() throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = stdout.readLine()) != null) {
            lines.add(line);
        }
        return lines;
    }

    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("python peer did not finish in " + seconds + " s");
        }
        return process.exitValue();
    }

    /** Kills the peer at once (SIGKILL), as a crash would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.getOutputStream().close(); // the peer stops when stdin closes
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
