package org.flapp.rpc.internal.slicer;

/** Python-style {@code repr()} text of decoded values, for error messages only. Stateless. */
public final class Repr {
    private Repr() {}

    static String of(Object value) {
        if (value instanceof String s) {
            return str(s);
        }
        if (value instanceof byte[] b) {
            return "b" + str(new String(b, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return String.valueOf(value);
    }

    /** Python's repr of a str: single quotes unless the text has ' and no ". */
    public static String str(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == quote || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append(quote).toString();
    }
}
