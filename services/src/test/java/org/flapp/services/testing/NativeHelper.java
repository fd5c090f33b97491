package org.flapp.services.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Compiles a small C helper program kept in the test resources with the machine's {@code gcc}.
 * Without gcc the test is skipped with a note, except under {@code CI=true}, where it fails: CI
 * must run every test.
 */
public final class NativeHelper {
    private NativeHelper() {}

    /** Compiles resource {@code source} (next to {@code owner}) into {@code dir/name}. */
    public static Path compile(Path dir, String name, Class<?> owner, String source)
            throws IOException, InterruptedException {
        Path gcc = Path.of("/usr/bin/gcc");
        if (!Files.isExecutable(gcc)) {
            if ("true".equals(System.getenv("CI"))) {
                fail("gcc is needed to build the test helper " + source + " (install gcc)");
            }
            assumeTrue(false, "skipped: no /usr/bin/gcc to build the test helper " + source);
        }
        Path src = dir.resolve(source);
        try (InputStream in = owner.getResourceAsStream(source)) {
            if (in == null) {
                fail("test resource " + source + " is missing");
            }
            Files.write(src, in.readAllBytes());
        }
        Path binary = dir.resolve(name);
        Process gccRun = new ProcessBuilder(gcc.toString(), "-O2", "-Wall", "-o", binary.toString(), src.toString())
                .redirectErrorStream(true).start();
        String output = new String(gccRun.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, gccRun.waitFor(60, TimeUnit.SECONDS), "gcc finished");
        assertEquals(0, gccRun.exitValue(), "gcc " + source + ": " + output);
        return binary;
    }
}
