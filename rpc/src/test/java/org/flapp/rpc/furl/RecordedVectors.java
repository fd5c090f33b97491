package org.flapp.rpc.furl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.flapp.rpc.Recorded;

/** The JSON-lines vectors recorded from Python Foolscap, parsed with Jackson. */
final class RecordedVectors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordedVectors() {}

    /** Every vector of {@code vectors/<file>}. */
    static List<JsonNode> read(String file) {
        return Recorded.vectorLines(file).stream().map(RecordedVectors::parse).toList();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("bad vector line: " + line, e);
        }
    }
}
