package org.flapp.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.flapp.services.command.RunningCommands;

/**
 * The server-wide limit on commands running at once (all run-command services together): from
 * {@code flappserver start --max-commands=N}, else the base directory's {@code max-commands} file
 * (written by {@code flappserver create --max-commands=N}), else
 * {@value RunningCommands#DEFAULT_CAPACITY}. The file is one decimal number; Python's flappserver
 * ignores it, so a base directory stays usable by both.
 *
 * <p>Stateless.
 */
final class CommandCap {
    static final String FILE_NAME = "max-commands";
    static final int MAX = 100_000;

    private CommandCap() {}

    /** Checks a value given on the command line; returns it. */
    static int check(int value) {
        if (value < 1 || value > MAX) {
            throw new IllegalArgumentException("--max-commands must be between 1 and " + MAX + ", not " + value);
        }
        return value;
    }

    /** The limit to run with. */
    static int resolve(Path basedir, OptionalInt fromStart) throws IOException {
        if (fromStart.isPresent()) {
            return check(fromStart.getAsInt());
        }
        Path file = basedir.resolve(FILE_NAME);
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            try {
                return check(Integer.parseInt(text));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " holds '" + text + "', not a number of commands between 1 and " + MAX);
            }
        } catch (NoSuchFileException e) {
            return RunningCommands.DEFAULT_CAPACITY;
        }
    }

    static void write(Path basedir, int value) throws IOException {
        Files.writeString(basedir.resolve(FILE_NAME), check(value) + "\n", StandardCharsets.US_ASCII);
    }
}
