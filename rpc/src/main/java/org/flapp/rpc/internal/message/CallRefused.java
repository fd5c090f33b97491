package org.flapp.rpc.internal.message;

import org.flapp.rpc.Referenceable;
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

    /**
     * Foolscap's answer to a method an object without a remote interface does not have, worded
     * as Python's {@code getattr} words it, naming the object's class.
     */
    public static CallRefused noSuchMethod(Referenceable target, String method) {
        String className = target.remoteMethods().className();
        return noSuchMethod(className.isEmpty() ? target.getClass().getSimpleName() : className, method);
    }

    /** {@link #noSuchMethod(Referenceable, String)} for an object of class {@code className}. */
    public static CallRefused noSuchMethod(String className, String method) {
        return answeredWith(RemoteException.python("builtins.AttributeError",
                "'" + className + "' object has no attribute 'remote_" + method + "'"));
    }

    /** The error to answer with, or null to answer with this Violation. */
    public RemoteException failure() {
        return failure;
    }
}
