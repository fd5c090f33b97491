package org.flapp.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import java.io.IOException;

/**
 * Lays JSON out as Python's {@code json.dump(obj, f, indent=2)} does, so that a file we write is
 * byte-for-byte the file Python would write: every member and element on its own line indented by
 * two spaces per level, {@code ", "} never used (items end with a bare {@code ,}), {@code ": "}
 * between key and value, empty containers as {@code {}} and {@code []}, and no newline at the end.
 *
 * <p>Keeps the nesting level, so use one instance per generator. Not thread-safe.
 */
final class PythonJsonPrettyPrinter implements PrettyPrinter {
    private int level;

    @Override
    public void writeRootValueSeparator(JsonGenerator gen) throws IOException {
        // one value per file: nothing between root values
    }

    @Override
    public void writeStartObject(JsonGenerator gen) throws IOException {
        gen.writeRaw('{');
        level++;
    }

    @Override
    public void beforeObjectEntries(JsonGenerator gen) throws IOException {
        newLine(gen);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(',');
        newLine(gen);
    }

    @Override
    public void writeEndObject(JsonGenerator gen, int nrOfEntries) throws IOException {
        close(gen, nrOfEntries, '}');
    }

    @Override
    public void writeStartArray(JsonGenerator gen) throws IOException {
        gen.writeRaw('[');
        level++;
    }

    @Override
    public void beforeArrayValues(JsonGenerator gen) throws IOException {
        newLine(gen);
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(',');
        newLine(gen);
    }

    @Override
    public void writeEndArray(JsonGenerator gen, int nrOfValues) throws IOException {
        close(gen, nrOfValues, ']');
    }

    private void close(JsonGenerator gen, int members, char bracket) throws IOException {
        level--;
        if (members > 0) {
            newLine(gen); // an empty container stays on one line: {} or []
        }
        gen.writeRaw(bracket);
    }

    private void newLine(JsonGenerator gen) throws IOException {
        gen.writeRaw('\n');
        for (int i = 0; i < level; i++) {
            gen.writeRaw("  ");
        }
    }
}
