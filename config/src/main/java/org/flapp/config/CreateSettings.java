package org.flapp.config;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What {@code flappserver create} is told: the location hints that go into FURLs (mandatory, e.g.
 * {@code tcp:example.org:3116}, several joined with commas), the listening port as a Twisted
 * strports string (default {@code tcp:3116}), and the umask the server applies when it starts
 * (default: the umask of the creating process). Immutable.
 *
 * @param location the connection hints, stored verbatim in {@code location} and {@code furl_prefix}
 * @param port the strports string stored in {@code port}
 * @param umask the file creation mask to record, or empty to record the current one
 */
public record CreateSettings(String location, String port, OptionalInt umask) {
    public static final String DEFAULT_PORT = "tcp:3116";

    public CreateSettings {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(umask, "umask");
    }

    /** Settings with the default port and the current umask. */
    public static CreateSettings of(String location) {
        return new CreateSettings(location, DEFAULT_PORT, OptionalInt.empty());
    }

    public CreateSettings withPort(String newPort) {
        return new CreateSettings(location, newPort, umask);
    }

    public CreateSettings withUmask(int newUmask) {
        return new CreateSettings(location, port, OptionalInt.of(newUmask));
    }
}
