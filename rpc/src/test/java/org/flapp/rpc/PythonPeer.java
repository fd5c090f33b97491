package org.flapp.rpc;

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
import org.flapp.testsupport.PythonFoolscap;

/**
 * Runs the Python helper scripts of src/test/python with the system's Python Foolscap. Without
 * it, tests are skipped, except under CI=true where a missing peer fails them ({@link PythonFoolscap}).
 */
public final class PythonPeer {
    public static final Path PYTHON = Path.of(PythonFoolscap.python());

    private PythonPeer() {}

    /** Skips the test without the Python peer (fails it when CI=true): see {@link PythonFoolscap}. */
    public static void assumeAvailable() {
        PythonFoolscap.require();
    }

    public static Path script(String name) {
        Path local = Path.of("src/test/python", name);
        if (Files.exists(local)) {
            return local.toAbsolutePath();
        }
        return Path.of(System.getProperty("flapp.repo.dir", "."), "rpc/src/test/python", name).toAbsolutePath();
    }

    /** Starts a script; stderr is discarded to a temp file so the pipe never fills. */
    public static Process start(String scriptName, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-u", script(scriptName).toString()));
        command.addAll(List.of(args));
        Path errors = Files.createTempFile("flapp-python", ".err");
        errors.toFile().deleteOnExit();
        return new ProcessBuilder(command).redirectError(errors.toFile()).start();
    }

    /** Runs a script to completion and returns its stdout lines. */
    public static List<String> run(long timeoutSeconds, String scriptName, String... args) throws Exception {
        Process p = start(scriptName, args);
        try {
            List<String> lines = new ArrayList<>();
            try (BufferedReader out = reader(p)) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                fail(scriptName + " did not finish in " + timeoutSeconds + " s");
            }
            if (p.exitValue() != 0) {
                fail(scriptName + " exited with " + p.exitValue() + ", output " + lines);
            }
            return lines;
        } finally {
            p.destroyForcibly();
        }
    }

    public static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }
}
