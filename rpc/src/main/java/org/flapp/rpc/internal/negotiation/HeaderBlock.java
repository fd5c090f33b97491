package org.flapp.rpc.internal.negotiation;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.flapp.rpc.PythonText;

/**
 * One negotiation block (hello, decision or error block): {@code key: value} lines.
 *
 * <p>Parsing follows Foolscap's receiver: lines are split on CRLF, every line must contain a
 * colon, the key is the text before the first colon lower-cased, the value the text after it
 * with leading whitespace removed, and a later duplicate wins. The text must be UTF-8. Encoding
 * writes keys in sorted (ASCII) order, one space after the colon, and the blank line. Immutable.
 */
final class HeaderBlock {
    private final SortedMap<String, String> entries;

    private HeaderBlock(SortedMap<String, String> entries) {
        this.entries = entries;
    }

    static HeaderBlock of(Map<String, String> entries) {
        TreeMap<String, String> sorted = new TreeMap<>();
        entries.forEach((k, v) -> sorted.put(k.toLowerCase(Locale.ROOT), v));
        return new HeaderBlock(sorted);
    }

    /** Parses a block received without its terminating blank line. */
    static HeaderBlock parse(byte[] block) throws NegotiationFailure {
        String text;
        try {
            text = PythonText.decodeUtf8(block);
        } catch (CharacterCodingException e) {
            throw NegotiationFailure.internal("negotiation block is not UTF-8");
        }
        TreeMap<String, String> entries = new TreeMap<>();
        for (String line : text.split("\r\n", -1)) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw NegotiationFailure.internal("negotiation block line without a colon: " + abbreviate(line));
            }
            String key = line.substring(0, colon).toLowerCase(Locale.ROOT);
            entries.put(key, stripLeadingWhitespace(line.substring(colon + 1)));
        }
        return new HeaderBlock(entries);
    }

    /** The value for {@code key}, or null. */
    String get(String key) {
        return entries.get(key);
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The wire form: sorted lines, then the blank line. */
    byte[] encode() {
        StringBuilder out = new StringBuilder();
        entries.forEach((k, v) -> out.append(k).append(": ").append(v).append("\r\n"));
        out.append("\r\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return entries.toString();
    }

    /** Python's bytes.lstrip(): ASCII whitespace only. */
    private static String stripLeadingWhitespace(String s) {
        int i = 0;
        while (i < s.length() && " \t\n\r\u000b\f".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return s.substring(i);
    }

    static String abbreviate(String s) {
        return abbreviate(s, 80);
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
