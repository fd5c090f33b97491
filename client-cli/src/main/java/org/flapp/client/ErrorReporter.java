package org.flapp.client;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.flapp.client.ClientFailure.Reason;
import org.flapp.rpc.Completions;
import org.flapp.rpc.DeadReferenceException;
import org.flapp.rpc.NegotiationException;
import org.flapp.rpc.RemoteException;
import org.flapp.rpc.ViolationException;
import org.flapp.rpc.furl.BadFurlException;

/**
 * Turns failures into the one line flappclient prints on stderr, {@code flappclient: error: …},
 * and the exit status that goes with it. A Java stack trace follows only with {@code --verbose}.
 *
 * <p>Python's flappclient prints {@code flappclient command failed:} and a Twisted Failure
 * (many lines of traceback, often from the remote host); this class keeps its exit statuses but
 * says in words what went wrong: which server could not be reached and why, that the FURL names
 * no service, that the service is of the other kind, and so on. The {@code connectFailure} and
 * {@code callFailure} factories know at which step the error happened, which the exception alone
 * does not tell. Stateless apart from the stream and the verbosity; used from one thread.
 */
final class ErrorReporter {
    static final String PREFIX = "flappclient: error: ";

    private final PrintStream err;
    private final boolean verbose;

    ErrorReporter(PrintStream err, boolean verbose) {
        this.err = err;
        this.verbose = verbose;
    }

    /** Prints {@code failure} and returns the status to exit with. */
    int report(Throwable failure) {
        Throwable t = Completions.cause(failure);
        int status;
        String line;
        if (t instanceof ClientFailure cf) {
            line = cf.getMessage();
            status = cf.exitStatus();
        } else {
            line = describeUnexpected(t);
            status = ExitStatus.FAILURE;
        }
        err.println(PREFIX + oneLine(line));
        if (verbose) {
            t.printStackTrace(err);
        }
        err.flush();
        return status;
    }

    /** Describes a failure to connect to the FURL's Tub or to look up the service there. */
    static ClientFailure connectFailure(Throwable failure, List<String> hints, Duration timeout) {
        Throwable t = Completions.cause(failure);
        String where = "server at " + (hints.isEmpty() ? "(no connection hints)" : String.join(",", hints));
        RemoteException remote = find(t, RemoteException.class);
        if (remote != null) {
            if (remote.isA("builtins.KeyError")) {
                return new ClientFailure(Reason.NO_SUCH_SERVICE, "the " + where + " has no service with this FURL's secret name"
                        + " (unknown swissnum): " + remote.value(), t);
            }
            return new ClientFailure(Reason.REMOTE_FAILURE, "the " + where + " could not look up the service: "
                    + remote.type() + ": " + remote.value(), t);
        }
        if (find(t, BadFurlException.class) != null) {
            return new ClientFailure(Reason.BAD_FURL, "malformed FURL: " + find(t, BadFurlException.class).getMessage(), t);
        }
        NegotiationException negotiation = find(t, NegotiationException.class);
        if (negotiation != null) {
            return switch (negotiation.reason()) {
                case TIMED_OUT -> timedOut(where, timeout, t);
                case NAME_LOOKUP, CONNECT -> unreachable(where, t, negotiation);
                case PROXY -> new ClientFailure(Reason.UNREACHABLE, "cannot reach " + where + " through Tor: "
                        + negotiation.getMessage(), t);
                case WRONG_TUB -> new ClientFailure(Reason.WRONG_TUB, "the " + where + " is not the Tub this FURL names"
                        + " (wrong TubID), nothing was sent: " + negotiation.getMessage(), t);
                case NO_USABLE_HINT, CONNECTION_LOST, TLS, PROTOCOL, REFUSED_BY_PEER, NOT_ACCEPTED ->
                        new ClientFailure(Reason.NO_CONNECTION, "cannot set up a connection to " + where + ": "
                                + negotiation.getMessage(), t);
            };
        }
        if (find(t, TimeoutException.class) != null) {
            return timedOut(where, timeout, t);
        }
        if (find(t, UnknownHostException.class) != null || find(t, ConnectException.class) != null
                || find(t, NoRouteToHostException.class) != null) {
            return unreachable(where, t, t);
        }
        if (find(t, DeadReferenceException.class) != null) {
            return new ClientFailure(Reason.CONNECTION_LOST, "the connection to " + where
                    + " was lost while looking up the service", t);
        }
        return new ClientFailure(Reason.NO_CONNECTION, "cannot connect to " + where + ": " + describeUnexpected(t), t);
    }

    private static ClientFailure timedOut(String where, Duration timeout, Throwable t) {
        return new ClientFailure(Reason.UNREACHABLE, "cannot reach " + where + ": no connection within "
                + seconds(timeout) + " (see --connect-timeout)", t);
    }

    /** A name lookup or TCP connect failed: the cause's type says how. */
    private static ClientFailure unreachable(String where, Throwable t, Throwable failure) {
        String why;
        UnknownHostException unknownHost = find(t, UnknownHostException.class);
        if (unknownHost != null) {
            why = "unknown host " + unknownHost.getMessage();
        } else if (find(t, NoRouteToHostException.class) != null) {
            why = "no route to host";
        } else if (find(t, ConnectException.class) != null) {
            why = "connection refused";
        } else {
            why = failure.getMessage();
        }
        return new ClientFailure(Reason.UNREACHABLE, "cannot reach " + where + ": " + why, t);
    }

    /**
     * Describes a failed call of {@code method} on the service, made while doing {@code doing}
     * (e.g. "uploading big.bin"); {@code serviceType} is the kind of service the call needs.
     */
    static ClientFailure callFailure(Throwable failure, String method, String serviceType, String doing) {
        Throwable t = Completions.cause(failure);
        RemoteException remote = find(t, RemoteException.class);
        if (remote != null) {
            if (isUnknownMethod(remote, method)) {
                return new ClientFailure(Reason.WRONG_SERVICE_TYPE, "this FURL is not " + article(serviceType) + " " + serviceType
                        + " service (the server has no '" + method + "' method)", t);
            }
            return new ClientFailure(Reason.REMOTE_FAILURE, doing + " failed on the server: " + remote.type() + ": " + remote.value(), t);
        }
        if (find(t, DeadReferenceException.class) != null) {
            return new ClientFailure(Reason.CONNECTION_LOST, "the connection to the server was lost while " + doing, t);
        }
        if (find(t, ViolationException.class) != null) {
            return new ClientFailure(Reason.PROTOCOL, doing + " failed: the server's answer broke the protocol: "
                    + find(t, ViolationException.class).getMessage(), t);
        }
        return new ClientFailure(Reason.UNEXPECTED, doing + " failed: " + describeUnexpected(t), t);
    }

    /** A short description of an I/O error: "no such file", "permission denied" or its message. */
    static String describeIo(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /**
     * Foolscap answers an unknown method with AttributeError ("… has no attribute
     * 'remote_putfile'"); other peers may word it differently, so the method name is checked too.
     */
    private static boolean isUnknownMethod(RemoteException remote, String method) {
        if (remote.isA("builtins.AttributeError") || remote.type().endsWith("AttributeError")) {
            return true;
        }
        String value = remote.value().toLowerCase(Locale.ROOT);
        return value.contains(method.toLowerCase(Locale.ROOT))
                && (value.contains("no such method") || value.contains("unknown method")
                        || value.contains("no method"));
    }

    private static String describeUnexpected(Throwable t) {
        if (t instanceof RemoteException remote) {
            return "remote failure: " + remote.type() + ": " + remote.value();
        }
        if (t instanceof IOException io) {
            return describeIo(io);
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getName() : message;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String article(String word) {
        return "aeiou".indexOf(Character.toLowerCase(word.charAt(0))) >= 0 ? "an" : "a";
    }

    /** Line breaks in remote text would break the one-line promise: they become spaces. */
    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
