package org.flapp.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one line a full build prints at its end when interop tests were skipped for want of the
 * Python peer: it counts, in every module's Surefire reports under the directory given as the
 * only argument, the test cases skipped with {@link PythonFoolscap}'s message. Prints nothing
 * when none was. Run by the last module of the reactor (packaging), in the verify phase.
 */
public final class SkipReport {
    /** How far after {@code <skipped} the reason may start (Surefire writes it as an attribute or a CDATA body). */
    private static final int REASON_WINDOW = 400;

    private SkipReport() {}

    public static void main(String[] args) throws IOException {
        int skipped = 0;
        try (DirectoryStream<Path> modules = Files.newDirectoryStream(Path.of(args[0]))) {
            for (Path module : modules) {
                skipped += countIn(module.resolve("target/surefire-reports"));
            }
        }
        if (skipped > 0) {
            System.out.println("NOTE: " + skipped + " interop tests were skipped because Python Foolscap is not"
                    + " installed; to run them: apt-get install " + PythonFoolscap.PACKAGE);
        }
    }

    static int countIn(Path reports) throws IOException {
        if (!Files.isDirectory(reports)) {
            return 0;
        }
        int count = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(reports, "TEST-*.xml")) {
            for (Path file : files) {
                String[] pieces = Files.readString(file, StandardCharsets.UTF_8).split("<skipped\\b", -1);
                for (int i = 1; i < pieces.length; i++) {
                    String head = pieces[i].substring(0, Math.min(REASON_WINDOW, pieces[i].length()));
                    if (head.contains(PythonFoolscap.SKIP_MARKER)) {
                        count++;
                    }
                }
            }
        }
        return count;
    }
}
