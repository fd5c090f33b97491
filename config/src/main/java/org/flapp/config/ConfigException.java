package org.flapp.config;

/**
 * A flappserver base directory or its {@code services.json} cannot be used: missing, not a server
 * directory, unreadable, corrupt, of an unknown version. The message is written for the person
 * running the command and names the file involved, so a CLI can print it as it is.
 */
public class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
