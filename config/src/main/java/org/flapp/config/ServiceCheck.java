package org.flapp.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Validates a new service's type and arguments before {@link BaseDirectory#addService} records it,
 * as Python's {@code flappserver add} does by building the service once. The service's directory
 * already exists when this runs and is removed again if this throws. The services module provides
 * the real check; this module knows no service types.
 */
@FunctionalInterface
public interface ServiceCheck {
    /** Accepts everything (for tests and tools that add entries they know to be right). */
    ServiceCheck NONE = (directory, type, args) -> { };

    /** @throws ConfigException with a message for the user, e.g. {@code targetdir '/x' must already exist} */
    void check(Path serviceDirectory, String type, List<String> args) throws ConfigException;
}
