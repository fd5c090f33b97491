package org.flapp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming reading of services.json gives what the tree reading gives wherever it answers,
 * answers for the files Python and Flapp write, and leaves every text the tree refuses to it.
 */
class ServicesJsonReaderTest {
    private static final JsonFactory FACTORY = new JsonFactory();

    private static Optional<Map<String, ServiceEntry>> streamed(String text) {
        return ServicesJsonReader.read(FACTORY, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheFilesPythonWritesAsTheTreeDoes() throws Exception {
        for (String fixture : List.of("python-two-services.json", "python-no-services.json")) {
            byte[] python = ServicesFileTest.resource(fixture);
            Optional<Map<String, ServiceEntry>> read = ServicesJsonReader.read(FACTORY, python);
            assertTrue(read.isPresent(), fixture);
            assertEquals(List.copyOf(ServicesFile.parseTree(python, fixture).entrySet()), List.copyOf(read.get().entrySet()),
                    fixture);
        }
    }

    @Test
    void readsWhatFlappWrites() {
        Map<String, ServiceEntry> services = new java.util.LinkedHashMap<>();
        services.put("b", new ServiceEntry("services/2", "run-command", List.of("/x", "make", "\u00e9\u20ac"), null));
        services.put("a", new ServiceEntry("services/1", "upload-file", List.of(), "a \"comment\"\n"));
        assertEquals(Optional.of(List.copyOf(services.entrySet())),
                streamed(ServicesFile.format(services)).map(m -> List.copyOf(m.entrySet())));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"version\": 1, \"services\": {}}",
        "{\"services\": {}, \"version\": 1.0}",
        "{\"version\": 1, \"extra\": {\"x\": [1, {\"y\": null}]}, \"services\": {\"s\": {\"relative_basedir\": \"d\","
                + " \"type\": \"t\", \"args\": [\"a\", \"\"], \"more\": [true], \"comment\": \"c\"}}}",
        "{\"version\": 1, \"services\": {\"s\": {\"relative_basedir\": \"d\", \"type\": \"t\", \"args\": []}}}",
        "{\"version\":1,\"services\":{\"s\":{\"comment\":null,\"args\":[],\"type\":\"t\",\"relative_basedir\":\"d\"},"
                + "\"r\":{\"relative_basedir\":\"e\",\"type\":\"u\",\"args\":[\"\\u00e9\"],\"comment\":\"\"}}}",
    })
    void givesTheTreesEntries(String text) throws Exception {
        Optional<Map<String, ServiceEntry>> read = streamed(text);
        assertTrue(read.isPresent(), text);
        assertEquals(List.copyOf(ServicesFile.parseTree(text.getBytes(StandardCharsets.UTF_8), "f").entrySet()),
                List.copyOf(read.get().entrySet()), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "[]",
        "{",
        "{\"version\": 1, \"services\": {}",
        "{\"version\": 1}",
        "{\"services\": {}}",
        "{\"version\": 2, \"services\": {}}",
        "{\"version\": \"1\", \"services\": {}}",
        "{\"version\": true, \"services\": {}}",
        "{\"version\": 1, \"services\": []}",
        "{\"version\": 1, \"services\": null}",
        "{\"version\": 1, \"services\": {\"s\": 3}}",
        "{\"version\": 1, \"services\": {\"s\": {\"type\": \"t\", \"args\": [], \"comment\": null}}}",
        "{\"version\": 1, \"services\": {\"s\": {\"relative_basedir\": \"d\", \"args\": []}}}",
        "{\"version\": 1, \"services\": {\"s\": {\"relative_basedir\": \"d\", \"type\": \"t\"}}}",
        "{\"version\": 1, \"services\": {\"s\": {\"relative_basedir\": 1, \"type\": \"t\", \"args\": []}}}",
        "{\"version\": 1, \"services\": {\"s\": {\"relative_basedir\": \"d\", \"type\": \"t\", \"args\": [1]}}}",
        "{\"version\": 1, \"services\": {\"s\": {\"relative_basedir\": \"d\", \"type\": \"t\", \"args\": \"x\"}}}",
        "{\"version\": 1, \"services\": {\"s\": {\"relative_basedir\": \"d\", \"type\": \"t\", \"args\": [],"
                + " \"comment\": 5}}}",
    })
    void leavesWhatTheTreeRefusesToIt(String text) {
        assertEquals(Optional.empty(), streamed(text), text);
        assertThrows(ConfigException.class, () -> ServicesFile.parseTree(text.getBytes(StandardCharsets.UTF_8), "f"), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"version\": 1, \"version\": 1, \"services\": {}}",
        "{\"version\": 1, \"services\": {\"s\": {\"relative_basedir\": \"d\", \"type\": \"t\", \"args\": []},"
                + " \"s\": {\"relative_basedir\": \"e\", \"type\": \"t\", \"args\": []}}}",
        "{\"version\": 1, \"services\": {\"s\": {\"relative_basedir\": \"d\", \"relative_basedir\": \"e\", \"type\": \"t\","
                + " \"args\": []}}}",
        "{\"version\": 1, \"services\": {}} trailing",
        "{\"version\": 1, \"services\": {}} {}",
    })
    void leavesRepeatedNamesAndTrailingTextToTheTree(String text) {
        assertEquals(Optional.empty(), streamed(text), text);
    }
}
