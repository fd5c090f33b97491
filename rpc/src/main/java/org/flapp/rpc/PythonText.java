package org.flapp.rpc;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text as a Python peer reads and writes it: strict UTF-8 decoding (malformed bytes are an error,
 * as {@code bytes.decode('utf-8')} raising is) and {@code repr()}-style quoting for messages and
 * log lines, so that a name with a line break or a control character stays on one line and reads
 * the way a Foolscap user knows it. Stateless.
 */
public final class PythonText {
    /** What a cut {@link #repr(String, int)} ends with, before its closing quote. */
    private static final String CUT = "...";

    private PythonText() {}

    /** Decodes UTF-8 strictly: malformed or truncated input fails instead of becoming U+FFFD. */
    public static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    /**
     * Python's {@code repr()} of a str: single quotes unless the text holds a {@code '} and no
     * {@code "}; backslash, the quote, {@code \n}, {@code \r}, {@code \t} escaped, and every
     * character Python does not count as printable (controls, format characters, separators other
     * than the space, unassigned code points) as {@code \xNN}, {@code \}{@code uNNNN} or
     * {@code \UNNNNNNNN}.
     */
    public static String repr(String text) {
        return repr(text, Integer.MAX_VALUE);
    }

    /**
     * {@link #repr(String)} of at most {@code maxChars} characters of {@code text}; a longer text
     * is cut (never inside a surrogate pair) and ends with {@code ...} inside the quotes.
     */
    public static String repr(String text, int maxChars) {
        int limit = Math.min(text.length(), maxChars);
        if (limit < text.length() && limit > 0 && Character.isHighSurrogate(text.charAt(limit - 1))) {
            limit--;
        }
        char quote = quoteFor(text.indexOf('\'') >= 0, text.indexOf('"') >= 0);
        StringBuilder out = new StringBuilder(limit + 8).append(quote);
        for (int i = 0; i < limit; ) {
            int c = text.codePointAt(i);
            appendEscaped(out, c, quote);
            i += Character.charCount(c);
        }
        if (limit < text.length()) {
            out.append(CUT);
        }
        return out.append(quote).toString();
    }

    /**
     * Python's {@code repr()} of bytes ({@code b'...'}), of at most {@code maxBytes} of them; a
     * longer value is cut and followed by {@code ... (N bytes)}. Bytes outside printable ASCII are
     * escaped.
     */
    public static String repr(byte[] bytes, int maxBytes) {
        int shown = Math.min(bytes.length, maxBytes);
        boolean single = false;
        boolean dbl = false;
        for (byte b : bytes) {
            single |= b == '\'';
            dbl |= b == '"';
        }
        char quote = quoteFor(single, dbl);
        StringBuilder out = new StringBuilder(shown + 24).append('b').append(quote);
        for (int i = 0; i < shown; i++) {
            int b = bytes[i] & 0xff;
            if (b >= 0x7f) {
                out.append(String.format("\\x%02x", b));
            } else {
                appendEscaped(out, b, quote);
            }
        }
        out.append(quote);
        if (shown < bytes.length) {
            out.append(CUT).append(" (").append(bytes.length).append(" bytes)");
        }
        return out.toString();
    }

    private static char quoteFor(boolean hasSingle, boolean hasDouble) {
        return hasSingle && !hasDouble ? '"' : '\'';
    }

    /** One code point as Python's repr of a str writes it. */
    private static void appendEscaped(StringBuilder out, int c, char quote) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\\' -> out.append("\\\\");
            default -> {
                if (c == quote) {
                    out.append('\\').append((char) c);
                } else if (isPrintable(c)) {
                    out.appendCodePoint(c);
                } else if (c < 0x100) {
                    out.append(String.format("\\x%02x", c));
                } else if (c < 0x10000) {
                    out.append(String.format("\\u%04x", c));
                } else {
                    out.append(String.format("\\U%08x", c));
                }
            }
        }
    }

    /** Python's {@code str.isprintable()} for one code point. */
    private static boolean isPrintable(int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }
}
