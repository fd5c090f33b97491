package org.flapp.client;

/**
 * An operational failure that is already described for a person: its message is the one line
 * flappclient prints (after {@code flappclient: error: }), and {@link #exitStatus()} is the status
 * it exits with. The cause, when there is one, is printed only with {@code --verbose}.
 */
final class ClientFailure extends Exception {
    private final int exitStatus;

    ClientFailure(String message) {
        this(message, null, ExitStatus.FAILURE);
    }

    ClientFailure(String message, Throwable cause) {
        this(message, cause, ExitStatus.FAILURE);
    }

    ClientFailure(String message, Throwable cause, int exitStatus) {
        super(message, cause);
        this.exitStatus = exitStatus;
    }

    int exitStatus() {
        return exitStatus;
    }
}
