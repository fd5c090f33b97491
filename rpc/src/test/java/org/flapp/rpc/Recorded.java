package org.flapp.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The bytes recorded from Python Foolscap 21.7.0 that tests compare against, read from the test
 * classpath: {@code vectors/} (one JSON object a line) and {@code transcripts/} (captured
 * sessions, {@code NAME.streams.json}); src/test/resources/README.md says how they were made.
 * A missing or empty file is an error, never an empty test.
 */
public final class Recorded {
    private Recorded() {}

    /** Every non-blank line of {@code vectors/<file>}. */
    public static List<String> vectorLines(String file) {
        List<String> lines = text("vectors/" + file).lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IllegalStateException("vectors/" + file + " holds no vector");
        }
        return lines;
    }

    /** The JSON text of {@code transcripts/<name>.streams.json}. */
    public static String transcript(String name) {
        return text("transcripts/" + name + ".streams.json");
    }

    private static String text(String resource) {
        try (InputStream in = Recorded.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath (src/test/resources)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
