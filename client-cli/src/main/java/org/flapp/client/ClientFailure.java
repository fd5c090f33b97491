package org.flapp.client;

import java.util.Objects;

/**
 * An operational failure that is already described for a person: its message is the one line
 * flappclient prints (after {@code flappclient: error: }), {@link #reason()} says what kind of
 * failure it is (set where it is thrown, so nothing needs to read the message), and
 * {@link #exitStatus()} is the status it exits with. The cause, when there is one, is printed
 * only with {@code --verbose}.
 */
final class ClientFailure extends Exception {
    /** What went wrong, in the terms a user of flappclient thinks in. */
    enum Reason {
        /** The FURL is malformed. */
        BAD_FURL,
        /** A local file (the furlfile, a source file) cannot be read or is not a file. */
        LOCAL_FILE,
        /** No server could be reached at the FURL's hints (refused, unknown host, timed out). */
        UNREACHABLE,
        /** A server was reached but no connection could be set up with it. */
        NO_CONNECTION,
        /** The server reached is not the Tub the FURL names. */
        WRONG_TUB,
        /** The Tub has no service under the FURL's secret name. */
        NO_SUCH_SERVICE,
        /** The service is of the other kind (upload-file versus run-command). */
        WRONG_SERVICE_TYPE,
        /** The service refused the upload's file name. */
        NAME_REFUSED,
        /** The service raised an error. */
        REMOTE_FAILURE,
        /** The connection was lost. */
        CONNECTION_LOST,
        /** The server's answer broke the protocol. */
        PROTOCOL,
        /** flappclient was interrupted. */
        INTERRUPTED,
        /** Anything else. */
        UNEXPECTED
    }

    private final Reason reason;

    ClientFailure(Reason reason, String message) {
        this(reason, message, null);
    }

    ClientFailure(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    Reason reason() {
        return reason;
    }

    /** Every failure exits as Python's flappclient does on one: 255. */
    int exitStatus() {
        return ExitStatus.FAILURE;
    }
}
