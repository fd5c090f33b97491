package org.flapp.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The remote method raised an exception; Foolscap sends it as a copied
 * {@code twisted.python.failure.Failure} with four byte-string fields, which this class carries
 * as they came: {@link #type()} (e.g. {@code builtins.KeyError}), {@link #value()} (the
 * exception's text), {@link #remoteTraceback()} and {@link #parents()} (the class hierarchy, most
 * specific first).
 *
 * <p>A remote method implemented in Java may also throw this class to choose exactly what the
 * caller sees (for example a Python-style type name such as
 * {@code foolscap.appserver.services.BadServiceArguments}); any other exception it throws is
 * described by its Java class name, message and stack trace.
 */
public class RemoteException extends RpcException {
    /** The traceback a failure carries when there is none to show, as Foolscap words it. */
    public static final String NO_TRACEBACK = "Traceback unavailable\n";
    /** What every Python exception class derives from, most specific first. */
    private static final List<String> PYTHON_ROOTS = List.of("builtins.Exception", "builtins.BaseException",
            "builtins.object");

    private final String type;
    private final String value;
    private final String remoteTraceback;
    private final List<String> parents;

    public RemoteException(String type, String value, String remoteTraceback, List<String> parents) {
        super(type + ": " + value);
        this.type = Objects.requireNonNull(type, "type");
        this.value = Objects.requireNonNull(value, "value");
        this.remoteTraceback = Objects.requireNonNull(remoteTraceback, "remoteTraceback");
        this.parents = List.copyOf(parents);
    }

    /** An exception whose type name is {@code type} and whose only parent is itself. */
    public RemoteException(String type, String value) {
        this(type, value, NO_TRACEBACK, List.of(type));
    }

    /**
     * The failure a Python peer would send for an exception of class {@code type} with the text
     * {@code value}, without a traceback. Its parents are {@code type}, then {@code bases} (the
     * classes between it and {@code Exception}, most specific first), then
     * {@code builtins.Exception}, {@code builtins.BaseException} and {@code builtins.object}: so
     * {@code python("builtins.KeyError", text, "builtins.LookupError")} is what a Python
     * {@code KeyError} looks like on the wire.
     */
    public static RemoteException python(String type, String value, String... bases) {
        List<String> parents = new ArrayList<>(bases.length + 4);
        parents.add(type);
        parents.addAll(List.of(bases));
        parents.addAll(PYTHON_ROOTS);
        return new RemoteException(type, value, NO_TRACEBACK, parents);
    }

    /** The remote exception's fully qualified type name. */
    public String type() {
        return type;
    }

    /** The remote exception's text ({@code str(exception)} on a Python peer). */
    public String value() {
        return value;
    }

    /** The traceback text the peer sent (may be {@link #NO_TRACEBACK}). */
    public String remoteTraceback() {
        return remoteTraceback;
    }

    /** The remote exception's class hierarchy, most specific first. */
    public List<String> parents() {
        return parents;
    }

    /** True when the remote exception is, or derives from, the named type. */
    public boolean isA(String typeName) {
        return type.equals(typeName) || parents.contains(typeName);
    }
}
