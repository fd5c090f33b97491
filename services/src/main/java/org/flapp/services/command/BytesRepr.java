package org.flapp.services.command;

/** Python-{@code repr}-like text of bytes for log lines: printable ASCII as is, the rest escaped. */
final class BytesRepr {
    /** Longest part of a chunk put in one log line; the rest is summarized. */
    static final int MAX_LOGGED = 1000;

    private BytesRepr() {}

    static String of(byte[] data) {
        int shown = Math.min(data.length, MAX_LOGGED);
        StringBuilder out = new StringBuilder(shown + 16).append("b'");
        for (int i = 0; i < shown; i++) {
            int b = data[i] & 0xff;
            switch (b) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                default -> {
                    if (b >= 0x20 && b < 0x7f) {
                        out.append((char) b);
                    } else {
                        out.append(String.format("\\x%02x", b));
                    }
                }
            }
        }
        out.append('\'');
        if (shown < data.length) {
            out.append("... (").append(data.length).append(" bytes)");
        }
        return out.toString();
    }
}
