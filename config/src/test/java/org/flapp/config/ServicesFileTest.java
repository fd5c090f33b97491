package org.flapp.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicesFileTest {
    @TempDir
    Path dir;

    @Test
    void writesTheFilePythonWroteForTheSameServicesByteForByte() throws Exception {
        for (String fixture : List.of("python-two-services.json", "python-no-services.json")) {
            byte[] python = resource(fixture);
            Map<String, ServiceEntry> services = ServicesFile.parse(python, fixture);
            assertArrayEquals(python, ServicesFile.format(services).getBytes(StandardCharsets.UTF_8), fixture);
        }
    }

    @Test
    void readsEveryFieldOfAFileWrittenByPython() throws Exception {
        Map<String, ServiceEntry> services = ServicesFile.parse(resource("python-two-services.json"), "fixture");
        assertEquals(List.of("ogfmlq7c3jkj3bs74dxm3ket37yrjoho", "aueas2orew57gctc25dq5fv2fhqdihg2"),
                List.copyOf(services.keySet()), "file order is kept");
        assertEquals(new ServiceEntry("services/1", "upload-file", List.of("up"), "a \"comment\" \u00e9"),
                services.get("ogfmlq7c3jkj3bs74dxm3ket37yrjoho"));
        assertEquals(new ServiceEntry("services/2", "run-command",
                        List.of("--accept-stdin", ".", "sh", "-c", "echo \"\u00e9\\\\ \\t\""), null),
                services.get("aueas2orew57gctc25dq5fv2fhqdihg2"));
    }

    @Test
    void escapesLikePythonsEnsureAscii() {
        String text = ServicesFile.format(Map.of("s", new ServiceEntry("services/1", "t",
                List.of("\u0001\b\f\n\r\t\"\\/\u007f", "\u00e9\u20ac\ud83d\ude00"), "")));
        assertTrue(text.contains("\"\\u0001\\b\\f\\n\\r\\t\\\"\\\\/\\u007f\""), text);
        assertTrue(text.contains("\"\\u00e9\\u20ac\\ud83d\\ude00\""), text);
        assertTrue(text.contains("\"comment\": \"\""), text);
    }

    @Test
    void writesEmptyArgumentListsOnOneLine() {
        String text = ServicesFile.format(Map.of("s", new ServiceEntry("services/1", "t", List.of(), null)));
        assertTrue(text.contains("\"args\": [],\n      \"comment\": null\n    }"), text);
        assertTrue(text.endsWith("}\n  }\n}"), "no newline at the end: " + text);
    }

    @Test
    void readsWhatItWroteAndLeavesNoTemporaryFiles() throws Exception {
        ServicesFile file = new ServicesFile(dir);
        Map<String, ServiceEntry> services = new LinkedHashMap<>();
        services.put("b", new ServiceEntry("services/1", "upload-file", List.of("x"), null));
        services.put("a", new ServiceEntry("services/2", "run-command", List.of(".", "ls"), "list"));
        file.write(services);
        file.write(services);
        assertEquals(services, file.read());
        assertEquals(Optional.of(services.get("a")), file.lookup("a"));
        assertEquals(Optional.empty(), file.lookup("c"));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("services.json")), listing.toList());
        }
    }

    @Test
    void readsAMissingFileAsNoServices() throws Exception {
        assertEquals(Map.of(), new ServicesFile(dir).read());
    }

    @Test
    void refusesTheOldPerServiceFilesLayout() throws Exception {
        Files.createDirectories(dir.resolve("services/abc"));
        Files.writeString(dir.resolve("services/abc/service_type"), "upload-file");
        ConfigException e = assertThrows(ConfigException.class, () -> new ServicesFile(dir).read());
        assertTrue(e.getMessage().contains("old Foolscap"), e.getMessage());
    }

    @Test
    void refusesAnUnknownVersion() throws Exception {
        ConfigException e = refused("{\"version\": 2, \"services\": {}}");
        assertTrue(e.getMessage().contains("has version 2, but this flappserver only understands version 1"),
                e.getMessage());
        refused("{\"version\": \"1\", \"services\": {}}");
        refused("{\"services\": {}}");
    }

    @Test
    void acceptsVersionOnePointZeroAsPythonsEqualityDoes() throws Exception {
        assertEquals(Map.of(), ServicesFile.parse("{\"version\": 1.0, \"services\": {}}".getBytes(), "f"));
    }

    @Test
    void refusesCorruptJsonNamingTheFileAndPosition() throws Exception {
        Files.writeString(dir.resolve("services.json"), "{\"version\": 1,\n \"services\": {");
        ConfigException e = assertThrows(ConfigException.class, () -> new ServicesFile(dir).read());
        assertTrue(e.getMessage().startsWith(dir.resolve("services.json") + " is not valid JSON (line 2"),
                e.getMessage());
    }

    @Test
    void refusesFilesOfTheWrongShape() {
        refused("");
        refused("[]");
        refused("{\"version\": 1}");
        refused("{\"version\": 1, \"services\": []}");
        refused("{\"version\": 1, \"services\": {\"s\": 3}}");
        refused("{\"version\": 1, \"services\": {\"s\": {\"type\": \"t\", \"args\": [], \"comment\": null}}}");
        refused("{\"version\": 1, \"services\": {\"s\": {\"relative_basedir\": \"d\", \"type\": \"t\","
                + " \"args\": [1], \"comment\": null}}}");
        ConfigException e = refused("{\"version\": 1, \"services\": {\"s\": {\"relative_basedir\": \"d\","
                + " \"type\": \"t\", \"args\": \"x\", \"comment\": null}}}");
        assertTrue(e.getMessage().contains("service s: \"args\" must be a list of strings"), e.getMessage());
    }

    @Test
    void treatsAMissingCommentAsNone() throws Exception {
        Map<String, ServiceEntry> services = ServicesFile.parse(("{\"version\": 1, \"services\": {\"s\":"
                + " {\"relative_basedir\": \"d\", \"type\": \"t\", \"args\": []}}}").getBytes(), "f");
        assertNull(services.get("s").comment());
    }

    @Test
    void refusesAFileLargerThanTheLimit() throws Exception {
        Files.write(dir.resolve("services.json"), new byte[ServicesFile.MAX_FILE_BYTES + 1]);
        ConfigException e = assertThrows(ConfigException.class, () -> new ServicesFile(dir).read());
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }

    private static ConfigException refused(String text) {
        return assertThrows(ConfigException.class,
                () -> ServicesFile.parse(text.getBytes(StandardCharsets.UTF_8), "services.json"), text);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = ServicesFileTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }
}
