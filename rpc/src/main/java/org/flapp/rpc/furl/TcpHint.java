package org.flapp.rpc.furl;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A usable TCP connection hint: host (IPv6 brackets removed) and port.
 *
 * <p>Reads hints the way a default Foolscap 21.7.0 Tub does: a legacy {@code HOST:PORT} hint is
 * first rewritten to {@code tcp:HOST:PORT}; a hint without {@code :} is unusable; a hint whose
 * type (the text before the first {@code :}, case-sensitive) is not {@code tcp} needs a plugin
 * and is skipped; a {@code tcp:} hint must be {@code tcp:HOST:PORT} with HOST a dotted quad, a
 * bracketed IPv6 address (optionally with an embedded dotted quad or a {@code %zone}) or a DNS
 * name of {@code A-Za-z0-9.-} (no underscore).
 *
 * <p>Quirks kept on purpose: the port is any run of digits (Python's {@code (\d+){1,5}}), so
 * {@code 99999} is accepted here and fails only when connecting; callers that connect must check
 * the range. Digits are Unicode decimal digits, as in Python. A port too large for an {@code int}
 * makes the hint unusable (Python would fail at connect time). Immutable.
 */
public record TcpHint(String host, int port) {
    static final String DIGIT = "\\p{Nd}";
    static final String DOTTED_QUAD =
            DIGIT + "{1,3}\\." + DIGIT + "{1,3}\\." + DIGIT + "{1,3}\\." + DIGIT + "{1,3}";
    private static final String BRACKETED_IPV6 =
            "\\[[A-Fa-f0-9:]+(?:" + DOTTED_QUAD + "|%[a-zA-Z0-9.]+)?\\]";
    static final String DNS_NAME = "[A-Za-z.0-9\\-]+";
    // UNIX_LINES: like Python's re, '$' may match before one trailing "\n" and nowhere else
    private static final Pattern LEGACY = Pattern.compile(
            "^(" + DOTTED_QUAD + "|" + DNS_NAME + "):(" + DIGIT + "+)$", Pattern.UNIX_LINES);
    private static final Pattern TCP = Pattern.compile(
            "^tcp:(" + DOTTED_QUAD + "|" + BRACKETED_IPV6 + "|" + DNS_NAME + "):(" + DIGIT + "+)$",
            Pattern.UNIX_LINES);

    public TcpHint {
        checkAddress("TCP", host, port);
    }

    /** The checks every host-and-port hint makes of its parts; {@code kind} names the hint type. */
    static void checkAddress(String kind, String host, int port) {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("a " + kind + " hint needs a host");
        }
        if (port < 0) {
            throw new IllegalArgumentException("a " + kind + " hint's port cannot be negative: " + port);
        }
    }

    /** The TCP hint {@code hint} stands for, or empty when a plain Tub cannot use it. */
    public static Optional<TcpHint> parse(String hint) {
        Matcher m = TCP.matcher(convertLegacy(hint));
        if (!m.find()) {
            return Optional.empty();
        }
        String written = m.group(1);
        String host = written.startsWith("[") ? written.substring(1, written.length() - 1) : written;
        Optional<Integer> port = parsePort(m.group(2));
        return port.map(p -> new TcpHint(host, p));
    }

    /**
     * Why a plain Tub cannot use {@code hint}, or empty when it can. For diagnostics, e.g. a
     * "no usable connection hints" message.
     */
    public static Optional<String> whyUnusable(String hint) {
        String converted = convertLegacy(hint);
        int colon = converted.indexOf(':');
        if (colon < 0) {
            return Optional.of("hint '" + hint + "' has no ':' (expected tcp:HOST:PORT)");
        }
        String type = converted.substring(0, colon);
        if (!type.equals("tcp")) {
            return Optional.of("hint type '" + type + "' needs a connection plugin; skipped");
        }
        Matcher m = TCP.matcher(converted);
        if (!m.find()) {
            return Optional.of("hint '" + hint + "' is not tcp:HOST:PORT with a DNS name,"
                    + " IPv4 address or [IPv6] address as HOST");
        }
        if (parsePort(m.group(2)).isEmpty()) {
            return Optional.of("hint '" + hint + "' has a port number that is far too large");
        }
        return Optional.empty();
    }

    /**
     * Foolscap's rewrite of a legacy {@code HOST:PORT} hint into {@code tcp:HOST:PORT} (the port
     * re-printed as a plain number, so {@code h:080} becomes {@code tcp:h:80}); any other hint is
     * returned unchanged.
     */
    public static String convertLegacy(String hint) {
        Matcher m = LEGACY.matcher(hint);
        if (!m.find()) {
            return hint;
        }
        Optional<Integer> port = parsePort(m.group(2));
        if (port.isEmpty()) {
            return hint; // Python would print the huge number; no use for it here
        }
        return "tcp:" + m.group(1) + ":" + port.get();
    }

    /** The hint in Foolscap's new-style syntax, IPv6 hosts in brackets. */
    public String toHintString() {
        return host.indexOf(':') >= 0 ? "tcp:[" + host + "]:" + port : "tcp:" + host + ":" + port;
    }

    @Override
    public String toString() {
        return toHintString();
    }

    private static Optional<Integer> parsePort(String digits) {
        try {
            return Optional.of(Integer.parseInt(digits)); // accepts Unicode digits, as Python's int()
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }
}
