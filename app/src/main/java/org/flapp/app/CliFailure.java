package org.flapp.app;

/**
 * An operational failure of a subcommand (as opposed to a usage error): the message is printed on
 * stderr as it is, one line, and the command exits with {@link #status()}.
 */
final class CliFailure extends Exception {
    private final int status;

    CliFailure(String message) {
        this(message, 1);
    }

    CliFailure(String message, int status) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
