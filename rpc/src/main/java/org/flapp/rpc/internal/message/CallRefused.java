package org.flapp.rpc.internal.message;

import java.util.List;
import org.flapp.rpc.RemoteException;
import org.flapp.rpc.ViolationException;

/**
 * A call refused as soon as its target or method name is read, before its arguments are decoded:
 * the decoder skips the rest of it unread. The caller is answered with {@link #failure()} when
 * there is one (Foolscap's {@code AttributeError} for a method its object does not have), else
 * with this Violation ({@code unknown CLID 7}, {@code method 'x' not defined in RIBroker}).
 */
public final class CallRefused extends ViolationException {
    private final transient RemoteException failure;

    private CallRefused(String message, RemoteException failure) {
        super(message);
        this.failure = failure;
    }

    /** Refused with a Violation worded {@code why}. */
    public static CallRefused violation(String why) {
        return new CallRefused(why, null);
    }

    /** Refused with {@code failure} as the error answer. */
    public static CallRefused answeredWith(RemoteException failure) {
        return new CallRefused(failure.getMessage(), failure);
    }

    /** Foolscap's answer to a method an object without a remote interface does not have. */
    public static CallRefused noSuchMethod(Object target, String method) {
        return answeredWith(new RemoteException("builtins.AttributeError",
                "'" + target.getClass().getSimpleName() + "' object has no remote method '" + method + "'",
                "Traceback unavailable\n",
                List.of("builtins.AttributeError", "builtins.Exception", "builtins.BaseException", "builtins.object")));
    }

    /** The error to answer with, or null to answer with this Violation. */
    public RemoteException failure() {
        return failure;
    }
}
