package org.flapp.rpc.furl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flapp.rpc.PythonText;

/**
 * A parsed FURL, {@code pb://TUBID@HINTS/NAME}: which Tub (by TubID), where to reach it (connection
 * hints), and which object (the secret name, or swissnum). Parsing follows Foolscap 21.7.0 exactly,
 * quirks included (see the protocol notes, section 2.5):
 *
 * <ul>
 *   <li>the pattern is searched, not anchored: text before {@code pb://} is ignored, and one
 *       trailing newline is tolerated;
 *   <li>the TubID is the first 32 characters of the part before {@code @}; the rest is ignored
 *       (reserved for extensions). Only the alphabet is checked, case-insensitively, not the
 *       length; an upper-case TubID parses but will never match a real Tub;
 *   <li>hints are split on {@code ,}; no hints at all is allowed, an empty hint is not;
 *   <li>the name is everything after the {@code /} that ends the hints, further {@code /}
 *       included.
 * </ul>
 *
 * <p>{@link #toString()} gives the canonical text, {@code "pb://" + tubId + "@" + hints joined
 * with "," + "/" + name}, as Foolscap builds FURLs. Equality is on TubID, hints and name.
 *
 * <p>A FURL is a capability: whoever knows it can call the object. Do not log it casually.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * Furl furl = Furl.parse("pb://5ux2lanjdhpubzv7zvm2ef3infatqb5j@tcp:example.org:3116/bdsaw6wd...");
 * for (TcpHint hint : furl.tcpHints()) { connect(hint.host(), hint.port()); }
 * }</pre>
 */
public final class Furl {
    /** Foolscap only looks at this many characters of the TubID part. */
    private static final int TUBID_CHARS = 32;
    /** How much of a bad input an error message repeats. */
    private static final int MAX_QUOTED_CHARS = 200;
    // UNIX_LINES: like Python's re, '.' stops only at "\n", and '$' may match before one final "\n"
    private static final Pattern FURL = Pattern.compile("pb://([^@]+)@([^/]*)/(.+)$", Pattern.UNIX_LINES);

    private final String tubId;
    private final List<String> hints;
    private final String name;

    private Furl(String tubId, List<String> hints, String name) {
        this.tubId = tubId;
        this.hints = List.copyOf(hints);
        this.name = name;
    }

    /** Parses {@code text}; throws {@link BadFurlException} with a clear message. */
    public static Furl parse(String text) {
        Objects.requireNonNull(text, "text");
        Matcher m = FURL.matcher(text);
        if (!m.find()) {
            throw new BadFurlException(explainMismatch(text));
        }
        String tubPart = m.group(1);
        String tubId = tubPart.substring(0, tubPart.offsetByCodePoints(0,
                Math.min(TUBID_CHARS, tubPart.codePointCount(0, tubPart.length()))));
        checkTubId(tubId);
        String location = m.group(2);
        return new Furl(tubId, splitHints(location), m.group(3));
    }

    /**
     * Builds a FURL from its parts (hints as given, e.g. {@code tcp:example.org:3116}). The parts
     * are checked so that {@code parse(furl.toString())} gives the same FURL back.
     */
    public static Furl of(String tubId, List<String> hints, String name) {
        Objects.requireNonNull(tubId, "tubId");
        Objects.requireNonNull(hints, "hints");
        Objects.requireNonNull(name, "name");
        if (tubId.isEmpty()) {
            throw new BadFurlException("the TubID is empty");
        }
        if (tubId.codePointCount(0, tubId.length()) > TUBID_CHARS) {
            throw new BadFurlException("the TubID " + quote(tubId) + " is longer than "
                    + TUBID_CHARS + " characters");
        }
        checkTubId(tubId);
        for (String hint : hints) {
            if (hint.isEmpty()) {
                throw new BadFurlException("no connection hint may be empty");
            }
            if (hint.indexOf(',') >= 0 || hint.indexOf('/') >= 0) {
                throw new BadFurlException("the connection hint " + quote(hint)
                        + " contains ',' or '/', which a FURL cannot carry in a hint");
            }
        }
        if (name.isEmpty()) {
            throw new BadFurlException("the object name (swissnum) is empty");
        }
        if (name.indexOf('\n') >= 0) {
            throw new BadFurlException("the object name (swissnum) contains a line break");
        }
        return new Furl(tubId, hints, name);
    }

    /** The TubID exactly as written (Foolscap does not lower-case it). */
    public String tubId() {
        return tubId;
    }

    /** The hints as written in the FURL, in order. */
    public List<String> hints() {
        return hints;
    }

    /** The hints joined with {@code ,}, as between {@code @} and {@code /} in the FURL. */
    public String location() {
        return String.join(",", hints);
    }

    /** The TCP hints a plain Tub can use, legacy {@code host:port} ones converted; others skipped. */
    public List<TcpHint> tcpHints() {
        List<TcpHint> usable = new ArrayList<>(hints.size());
        for (String hint : hints) {
            TcpHint.parse(hint).ifPresent(usable::add);
        }
        return List.copyOf(usable);
    }

    /** The object's secret name (swissnum); may contain {@code /}. */
    public String name() {
        return name;
    }

    /** The same Tub and hints, another object: what a server hands out for each service. */
    public Furl withName(String newName) {
        return of(tubId, hints, newName);
    }

    /** The canonical text, {@code pb://TUBID@HINT,HINT/NAME}. */
    @Override
    public String toString() {
        return "pb://" + tubId + "@" + location() + "/" + name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Furl other
                && tubId.equals(other.tubId)
                && hints.equals(other.hints)
                && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tubId, hints, name);
    }

    private static void checkTubId(String tubId) {
        if (!Base32.isBase32(tubId)) {
            throw new BadFurlException(quote(tubId) + " is not a valid tubid: a TubID uses only"
                    + " the base32 letters a-z and digits 2-7" + firstBadCharacter(tubId)
                    .map(c -> ", not " + quote(c)).orElse(""));
        }
    }

    private static List<String> splitHints(String location) {
        if (location.isEmpty()) {
            return List.of(); // legal: parses, but there is nowhere to connect to
        }
        List<String> hints = Arrays.asList(location.split(",", -1));
        if (hints.contains("")) {
            throw new BadFurlException("no connection hint may be empty (the hints "
                    + quote(location) + " have an empty entry between, before or after commas)");
        }
        return hints;
    }

    private static Optional<String> firstBadCharacter(String tubId) {
        return tubId.codePoints()
                .mapToObj(Character::toString)
                .filter(c -> !Base32.isBase32(c))
                .findFirst();
    }

    /** Says which part of {@code pb://TUBID@HINTS/NAME} is missing; called only on a mismatch. */
    private static String explainMismatch(String text) {
        String prefix = "unknown FURL prefix in " + quote(redact(text)) + ": ";
        int start = text.indexOf("pb://");
        if (start < 0) {
            return prefix + "a FURL looks like pb://TUBID@HINTS/NAME and this has no 'pb://'";
        }
        String rest = text.substring(start + "pb://".length());
        int at = rest.indexOf('@');
        if (at < 0) {
            return prefix + "there is no '@' after the TubID";
        }
        if (at == 0) {
            return prefix + "the TubID between 'pb://' and '@' is empty";
        }
        String afterAt = rest.substring(at + 1);
        int slash = afterAt.indexOf('/');
        if (slash < 0) {
            return prefix + "there is no '/NAME' after the connection hints";
        }
        return prefix + "the object name after the '/' that follows the hints is empty"
                + " or not on the same line";
    }

    /**
     * What of a text that failed to parse may be shown in a message: never the object name
     * (swissnum), which is the secret that grants access. Up to the first '/' after the '@' (the
     * TubID and hints, which are not secret) is kept, the rest replaced by "...". Without an '@',
     * nothing tells where a name might be, so only a scheme ({@code pb://}) is kept.
     */
    static String redact(String text) {
        int at = text.indexOf('@');
        if (at >= 0) {
            int slash = text.indexOf('/', at);
            return slash < 0 ? text : text.substring(0, slash + 1) + (slash + 1 < text.length() ? "..." : "");
        }
        int scheme = text.indexOf("://");
        if (scheme >= 0 && scheme <= 16) {
            return text.substring(0, scheme + 3) + (scheme + 3 < text.length() ? "..." : "");
        }
        return text.isEmpty() ? text : "...";
    }

    /** The text as Python's repr shows it, long text cut. */
    private static String quote(String text) {
        return PythonText.repr(text, MAX_QUOTED_CHARS);
    }
}
