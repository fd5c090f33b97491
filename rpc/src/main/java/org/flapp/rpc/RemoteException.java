package org.flapp.rpc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    /**
     * The traceback a Foolscap peer sends when it keeps its tracebacks to itself
     * ({@code unsafeTracebacks} off); Python's flappclient then shows nothing of why a call failed.
     */
    public static final String NO_TRACEBACK = "Traceback unavailable\n";
    /** The first line of a Python traceback, which Python's flappclient shows after its own header. */
    static final String TRACEBACK_HEADER = "Traceback (most recent call last):\n";
    /** What every Python exception class derives from, most specific first. */
    private static final List<String> PYTHON_ROOTS = List.of("builtins.Exception", "builtins.BaseException",
            "builtins.object");
    /** The bases of the built-in exceptions flapp raises whose parent is not Exception itself. */
    private static final Map<String, List<String>> BUILTIN_BASES = builtinBases();

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

    /**
     * An exception whose type name is {@code type} and whose only parent is itself, with the
     * traceback text of {@link #tracebackText}.
     */
    public RemoteException(String type, String value) {
        this(type, value, tracebackText(type, value), List.of(type));
    }

    /**
     * The traceback text a failure raised here carries: a Python traceback without frames, a
     * header line and then {@code type: value}. Python's flappclient prints a remote failure's
     * traceback text and nothing else, so the type and the message must be in it; its last line
     * reads like the last line of Python's own traceback for the same error. No stack frames are
     * sent: they describe the server's insides to a peer that may be hostile (the server's log
     * has them).
     */
    public static String tracebackText(String type, String value) {
        return TRACEBACK_HEADER + type + ": " + value + "\n";
    }

    /**
     * The failure a Python peer would send for an exception of class {@code type} with the text
     * {@code value}, with the traceback text of {@link #tracebackText}. Its parents are {@code type}, then {@code bases} (the
     * classes between it and {@code Exception}, most specific first), then
     * {@code builtins.Exception}, {@code builtins.BaseException} and {@code builtins.object}: so
     * {@code python("builtins.KeyError", text, "builtins.LookupError")} is what a Python
     * {@code KeyError} looks like on the wire. Without {@code bases}, a built-in type's own are
     * used ({@code builtins.OSError} for {@code builtins.FileNotFoundError} and its siblings,
     * {@code builtins.LookupError} for {@code builtins.KeyError}), otherwise none.
     */
    public static RemoteException python(String type, String value, String... bases) {
        List<String> parents = new ArrayList<>(bases.length + 4);
        parents.add(type);
        parents.addAll(bases.length == 0 ? BUILTIN_BASES.getOrDefault(type, List.of()) : List.of(bases));
        parents.addAll(PYTHON_ROOTS);
        return new RemoteException(type, value, tracebackText(type, value), parents);
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

    private static Map<String, List<String>> builtinBases() {
        Map<String, List<String>> bases = new HashMap<>();
        for (String os : List.of("FileNotFoundError", "FileExistsError", "IsADirectoryError", "NotADirectoryError",
                "PermissionError", "BrokenPipeError", "InterruptedError", "TimeoutError")) {
            bases.put("builtins." + os, List.of("builtins.OSError"));
        }
        bases.put("builtins.KeyError", List.of("builtins.LookupError"));
        bases.put("builtins.IndexError", List.of("builtins.LookupError"));
        return Map.copyOf(bases);
    }
}
