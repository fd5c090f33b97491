package org.flapp.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@code services.json} of the expected shape with jackson-core's streaming parser alone,
 * for {@link ServicesFile}: a server reads the file at start-up and for every connection, and
 * databind's {@code ObjectMapper} costs a JVM's start some 300 classes and tens of milliseconds
 * more than the parser under it (docs/performance.md).
 *
 * <p>It accepts exactly what the tree reading in {@link ServicesFile#parse} accepts without error
 * and gives the same entries: a root object with a number {@code version} equal to 1 and an
 * object {@code services} of swissnum to an object with the strings {@code relative_basedir} and
 * {@code type}, a list of strings {@code args} and a string or null (or no) {@code comment};
 * other fields are skipped, as there. For anything else (bad JSON, a wrong shape, a repeated
 * name, text after the root object) it says "not sure" (empty), and the caller reads the text again with the tree, which names the problem. Stateless.
 */
final class ServicesJsonReader {
    private ServicesJsonReader() {}

    /** The services of {@code text}, or empty when the tree reading must judge it. */
    static Optional<Map<String, ServiceEntry>> read(JsonFactory factory, byte[] text) {
        try (JsonParser p = factory.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            Map<String, ServiceEntry> services = null;
            boolean version = false;
            Set<String> names = new HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (!names.add(name)) {
                    return Optional.empty();
                }
                JsonToken value = p.nextToken();
                if (name.equals("version")) {
                    // Python compares with ==, so 1.0 counts as 1 (as ServicesFile.checkVersion)
                    if (!value.isNumeric() || p.getDoubleValue() != ServicesFile.VERSION) {
                        return Optional.empty();
                    }
                    version = true;
                } else if (name.equals("services")) {
                    services = services(p);
                    if (services == null) {
                        return Optional.empty();
                    }
                } else {
                    p.skipChildren();
                }
            }
            boolean whole = p.currentToken() == JsonToken.END_OBJECT && p.nextToken() == null;
            return version && services != null && whole ? Optional.of(services) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // not JSON: the tree reading says where
        }
    }

    /** The services object the parser is at, or null when it is not of the expected shape. */
    private static Map<String, ServiceEntry> services(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return null;
        }
        Map<String, ServiceEntry> services = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String swissnum = p.currentName();
            p.nextToken();
            ServiceEntry entry = entry(p);
            if (entry == null || services.putIfAbsent(swissnum, entry) != null) {
                return null;
            }
        }
        return services;
    }

    /** The service object the parser is at, or null when it is not of the expected shape. */
    private static ServiceEntry entry(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return null;
        }
        Map<String, String> strings = new LinkedHashMap<>();
        List<String> args = null;
        boolean comment = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("relative_basedir") || name.equals("type")) {
                if (value != JsonToken.VALUE_STRING || strings.putIfAbsent(name, p.getText()) != null) {
                    return null;
                }
            } else if (name.equals("comment")) {
                if (comment || (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL)) {
                    return null;
                }
                comment = true;
                strings.put(name, value == JsonToken.VALUE_NULL ? null : p.getText());
            } else if (name.equals("args")) {
                if (args != null || (args = strings(p)) == null) {
                    return null;
                }
            } else {
                p.skipChildren();
            }
        }
        String relative = strings.get("relative_basedir");
        String type = strings.get("type");
        return relative == null || type == null || args == null ? null
                : new ServiceEntry(relative, type, args, strings.get("comment"));
    }

    /** The array of strings the parser is at, or null when it is something else. */
    private static List<String> strings(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            return null;
        }
        List<String> list = new ArrayList<>();
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.VALUE_STRING) {
            list.add(p.getText());
        }
        return token == JsonToken.END_ARRAY ? list : null;
    }
}
