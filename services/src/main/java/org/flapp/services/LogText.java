package org.flapp.services;

import org.flapp.rpc.PythonText;

/**
 * Makes a string a peer controls (an upload name, an error text, a method name) safe for one log
 * line or a one-line message: control characters (C0, DEL, C1) and the Unicode line and paragraph
 * separators become {@code \xNN} or {@code \\uNNNN} escapes and a backslash is doubled, so a
 * peer cannot end a log event early and forge the next one. Everything else is kept as it is.
 *
 * <pre>{@code log.info("upload of {} failed: {}", LogText.quote(name), LogText.escape(error.toString()));}</pre>
 */
public final class LogText {
    private LogText() {}

    /** {@code text} with every line-breaking or control character escaped; "null" for null. */
    public static String escape(String text) {
        return escaped(text, true);
    }

    /**
     * {@code text} with only the control characters and line separators escaped, backslashes
     * left alone: the last line of defence in the log layout, which must not escape again what
     * {@link #escape} has escaped already.
     */
    public static String oneLine(String text) {
        return escaped(text, false);
    }

    private static String escaped(String text, boolean backslashes) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = c == '\\' && !backslashes ? null : replacement(c);
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                out.append(replacement != null ? replacement : String.valueOf(c));
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * {@code text} in quotes as Python's repr shows it ({@link PythonText#repr(String)}), which
     * escapes every character {@link #escape} does and more.
     */
    public static String quote(String text) {
        return PythonText.repr(text);
    }

    private static String replacement(char c) {
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return String.format("\\x%02x", (int) c);
        }
        if (c == '\u2028' || c == '\u2029') {
            return String.format("\\u%04x", (int) c);
        }
        if (c == '\\') {
            return "\\" + c;
        }
        return null;
    }
}
