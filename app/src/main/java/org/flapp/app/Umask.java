package org.flapp.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * File creation masks: parsing the octal text of {@code --umask} and of the base directory's
 * {@code umask} file, and reading the mask this process runs with.
 *
 * <p>Why this exists: a JVM cannot change its own umask, so the mask recorded in a base directory is
 * applied by launching the server through {@code /bin/sh -c 'umask NNN; exec java ...'} (see
 * {@link DaemonLauncher}, and the launcher script, which does the same for {@code start}). A server started in the foreground ({@code start --nodaemon}, e.g. by
 * systemd) keeps the mask it was given (set {@code UMask=} in the unit) and logs a warning when that
 * differs from the recorded one. Stateless.
 */
final class Umask {
    private Umask() {}

    /**
     * Parses octal text such as {@code 022} or {@code 0022}.
     *
     * @throws IllegalArgumentException if it is not an octal number from 0 to 0777
     */
    static int parse(String text) {
        String s = text.strip();
        if (s.isEmpty() || s.length() > 6 || !s.chars().allMatch(c -> c >= '0' && c <= '7')) {
            throw new IllegalArgumentException("umask must be an octal number such as 022, not '" + text + "'");
        }
        int value = Integer.parseInt(s, 8);
        if (value > 0777) {
            throw new IllegalArgumentException("umask must be between 000 and 777, not '" + text + "'");
        }
        return value;
    }

    /** Four octal digits, as the {@code umask} file holds it ({@code 0022}). */
    static String format(int mask) {
        return String.format("%04o", mask);
    }

    /** The umask of this process (Linux 4.7+ reports it in /proc), if it can be read. */
    static OptionalInt current() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Umask:")) {
                    return OptionalInt.of(parse(line.substring("Umask:".length())));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // not Linux, or an old kernel: the caller falls back
        }
        return OptionalInt.empty();
    }
}
