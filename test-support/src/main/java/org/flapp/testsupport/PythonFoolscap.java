package org.flapp.testsupport;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.opentest4j.TestAbortedException;

/**
 * Finds the Python peer that interop tests compare against: Debian's {@value #PACKAGE}
 * (Foolscap 21.7.0 with its {@code flappserver} and {@code flappclient}). It is there when the
 * interpreter imports the {@code foolscap} module. The interpreter is {@code /usr/bin/python3},
 * or the one named by the environment variable {@code FLAPP_PYTHON} (pointing it at an
 * interpreter without Foolscap is how to try the build as a machine without the peer sees it).
 * Without the peer an interop test is skipped, with a message that names {@value #PACKAGE}
 * and that {@link SkipReport} counts; with {@code CI=true} it fails instead.
 */
public final class PythonFoolscap {
    /** The Debian package that brings the peer. */
    public static final String PACKAGE = "python3-foolscap";
    /** Every skip message starts with this; {@link SkipReport} looks for it. */
    static final String SKIP_MARKER = "Python Foolscap is not installed";

    private static Boolean installed;

    private PythonFoolscap() {}

    /** The Python interpreter the tests run. */
    public static String python() {
        String chosen = System.getenv("FLAPP_PYTHON");
        return chosen == null || chosen.isBlank() ? "/usr/bin/python3" : chosen;
    }

    /** True when {@link #python()} imports {@code foolscap}; asked once per test JVM. */
    public static synchronized boolean isInstalled() {
        if (installed == null) {
            installed = imports();
        }
        return installed;
    }

    /**
     * Call first in every test that needs the peer (in {@code @BeforeEach}, not {@code
     * @BeforeAll}, so that each test is counted as skipped). Skips the test when the peer is
     * missing, or fails it when {@code CI=true}.
     */
    public static void require() {
        if (isInstalled()) {
            return;
        }
        String why = SKIP_MARKER + " (" + python() + " cannot import foolscap): install the Debian package " + PACKAGE;
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(why + "; CI=true requires the peer");
        }
        throw new TestAbortedException(why);
    }

    private static boolean imports() {
        try {
            Process p = new ProcessBuilder(python(), "-c", "import foolscap").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
