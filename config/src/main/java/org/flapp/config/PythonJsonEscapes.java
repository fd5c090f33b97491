package org.flapp.config;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Escapes strings as Python's {@code json} module does with its default {@code ensure_ascii=True}:
 * only the printable ASCII characters 0x20 to 0x7e are written as they are ({@code /} included);
 * {@code "} and {@code \} get a backslash, {@code \b \f \n \r \t} their short forms, and every
 * other UTF-16 unit (control characters, DEL, non-ASCII; a character outside the BMP as its two
 * surrogates) becomes {@code \}{@code uXXXX} with <em>lower-case</em> hex. Jackson's own escapes
 * differ (upper-case hex, DEL left alone), hence this class. Stateless, thread-safe.
 */
final class PythonJsonEscapes extends CharacterEscapes {
    private static final int[] ASCII_ESCAPES = buildAsciiEscapes();

    private static int[] buildAsciiEscapes() {
        int[] escapes = new int[128];
        for (int c = 0; c < 0x20; c++) {
            escapes[c] = ESCAPE_CUSTOM;
        }
        escapes[0x7f] = ESCAPE_CUSTOM; // Python escapes DEL too
        escapes['"'] = ESCAPE_CUSTOM;
        escapes['\\'] = ESCAPE_CUSTOM;
        return escapes;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ASCII_ESCAPES.clone();
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        return new SerializedString(escape(ch));
    }

    /** The escape sequence Python writes for UTF-16 unit {@code ch}. */
    static String escape(int ch) {
        return switch (ch) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> String.format("\\u%04x", ch);
        };
    }
}
