package org.flapp.config;

import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.core.util.Separators.Spacing;

/**
 * Lays JSON out as Python's {@code json.dump(obj, f, indent=2)} does, so that a file we write is
 * byte-for-byte the file Python would write: every member and element on its own line indented by
 * two spaces per level, {@code ", "} never used (items end with a bare {@code ,}), {@code ": "}
 * between key and value, empty containers as {@code {}} and {@code []}, and no newline at the end.
 * Jackson's own printer does all of that once told so; objects and arrays share one indenter.
 *
 * <p>The printer keeps the nesting level, so make one per generator. Not thread-safe.
 */
final class PythonJsonPrettyPrinter {
    private PythonJsonPrettyPrinter() {}

    static PrettyPrinter create() {
        Separators separators = Separators.createDefaultInstance()
                .withRootSeparator("") // one value per file: nothing between root values
                .withObjectFieldValueSpacing(Spacing.AFTER)
                .withObjectEntrySpacing(Spacing.NONE)
                .withArrayValueSpacing(Spacing.NONE)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
    }
}
