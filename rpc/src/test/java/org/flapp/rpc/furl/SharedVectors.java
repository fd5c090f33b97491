package org.flapp.rpc.furl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the JSON-lines test vectors recorded from Python Foolscap in the shared protocol folder. */
final class SharedVectors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedVectors() {}

    /** Every non-blank line of {@code vectors/<file>}, parsed. */
    static List<JsonNode> read(String file) {
        String shared = System.getProperty("flapp.shared.dir");
        if (shared == null) {
            throw new IllegalStateException("system property flapp.shared.dir is not set (run the tests with Maven)");
        }
        Path path = Path.of(shared, "protocol", "vectors", file);
        try {
            return Files.readAllLines(path).stream()
                    .filter(line -> !line.isBlank())
                    .map(SharedVectors::parse)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test vectors " + path, e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("bad vector line: " + line, e);
        }
    }
}
