package org.flapp.client;

/**
 * Logger names shortened as logback's {@code %logger{N}} does, so that {@code --verbose} lines
 * read as they did: a name shorter than N stays whole; otherwise its package segments, from the
 * left, become their first letter, one after the other, until at least the excess is gone. The
 * last segment (the class) is never shortened, so a result can stay longer than N.
 */
final class LoggerNames {
    private LoggerNames() {
    }

    static String abbreviate(String name, int length) {
        int lastDot = name.lastIndexOf('.');
        if (name.length() < length || lastDot < 0) {
            return name;
        }
        int excess = name.length() - length;
        int trimmed = 0;
        int start = 0;
        StringBuilder out = new StringBuilder(name.length());
        while (start < lastDot) {
            int dot = name.indexOf('.', start);
            if (dot > start) {
                out.append(name.charAt(start));
                trimmed += dot - start - 1;
            }
            out.append('.');
            start = dot + 1;
            if (trimmed >= excess) {
                break;
            }
        }
        return out.append(name, start, name.length()).toString();
    }
}
