package org.flapp.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One service in {@code services.json}: where its private directory is (relative to the base
 * directory, e.g. {@code services/1}), its type ({@code upload-file}, {@code run-command}), its
 * arguments exactly as given to {@code flappserver add} (unparsed; the services module parses
 * them at every lookup), and an optional comment. Immutable.
 *
 * @param relativeBasedir the service's directory relative to the base directory, with {@code /}
 * @param type the service type name
 * @param args the service arguments, unparsed
 * @param comment the {@code --comment} text, or {@code null} when there is none (JSON {@code null})
 */
public record ServiceEntry(String relativeBasedir, String type, List<String> args, String comment) {
    public ServiceEntry {
        Objects.requireNonNull(relativeBasedir, "relativeBasedir");
        Objects.requireNonNull(type, "type");
        args = List.copyOf(args);
    }

    /** The comment, if there is one. */
    public Optional<String> commentText() {
        return Optional.ofNullable(comment);
    }
}
