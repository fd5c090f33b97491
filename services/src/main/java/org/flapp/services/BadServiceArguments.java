package org.flapp.services;

import java.util.Objects;
import org.flapp.rpc.RemoteException;

/**
 * The arguments of a service (as given to {@code flappserver add}, or as stored in
 * {@code services.json} and re-read at every lookup) are wrong. The message is the one line the
 * CLI prints after {@code "Error: "}, e.g. {@code targetdir '/srv/up' must already exist}.
 *
 * <p>{@link #remoteType()} is the Python exception type a Foolscap peer would see for the same
 * mistake: {@code foolscap.appserver.services.BadServiceArguments} for checks made by the service,
 * {@code twisted.python.usage.UsageError} for what Twisted's option parser would have refused
 * (unknown option, wrong number of arguments). {@link #toRemoteException()} builds the error a
 * lookup answers with.
 */
public class BadServiceArguments extends Exception {
    /** The Python type of errors found by the services' own checks. */
    public static final String SERVICE_ERROR = "foolscap.appserver.services.BadServiceArguments";
    /** The Python type of errors found by Twisted's command-line parser. */
    public static final String USAGE_ERROR = "twisted.python.usage.UsageError";

    private final String remoteType;

    public BadServiceArguments(String message) {
        this(SERVICE_ERROR, message);
    }

    public BadServiceArguments(String remoteType, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.remoteType = Objects.requireNonNull(remoteType, "remoteType");
    }

    /** The Python exception type to report to peers. */
    public String remoteType() {
        return remoteType;
    }

    /** The error to send to a peer whose lookup found this service misconfigured. */
    public RemoteException toRemoteException() {
        return RemoteException.python(remoteType, getMessage());
    }
}
