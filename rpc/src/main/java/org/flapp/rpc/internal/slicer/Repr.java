package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.PythonText;

/** Python-style {@code repr()} text of decoded values, for error messages only. Stateless. */
public final class Repr {
    private Repr() {}

    static String of(Object value) {
        if (value instanceof String s) {
            return str(s);
        }
        if (value instanceof byte[] b) {
            return PythonText.repr(b, Integer.MAX_VALUE);
        }
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return String.valueOf(value);
    }

    /** Python's repr of a str. */
    public static String str(String s) {
        return PythonText.repr(s);
    }
}
