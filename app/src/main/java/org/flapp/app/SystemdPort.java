package org.flapp.app;

import java.util.Locale;
import java.util.Optional;

/**
 * Twisted's socket-activation port, {@code systemd:domain=INET:index=0} (or positionally
 * {@code systemd:INET:0}): listen on the {@code index}th socket systemd passed this process
 * ({@link SocketActivation}) instead of binding one. {@code INET} and {@code INET6} are accepted
 * (the socket's own family decides); {@code UNIX} is refused, as a Tub's location hints can only
 * name TCP. Immutable.
 *
 * @param index the position in systemd's list of passed sockets, from 0
 */
record SystemdPort(int index) {
    private static final String PREFIX = "systemd:";

    /** Whether {@code text} is a {@code systemd:} port at all (then {@link #parse} says if it is a good one). */
    static boolean isSystemd(String text) {
        return text.strip().toLowerCase(Locale.ROOT).startsWith(PREFIX);
    }

    /**
     * Parses {@code systemd:domain=D:index=N}; empty when {@code text} is another kind of port.
     *
     * @throws IllegalArgumentException with a message that names the problem
     */
    static Optional<SystemdPort> parse(String text) {
        if (!isSystemd(text)) {
            return Optional.empty();
        }
        String spec = text.strip();
        String[] parts = spec.substring(PREFIX.length()).split(":", -1);
        String domain = null;
        String index = null;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            int eq = part.indexOf('=');
            String key = eq < 0 ? (i == 0 ? "domain" : i == 1 ? "index" : null) : part.substring(0, eq);
            String value = eq < 0 ? part : part.substring(eq + 1);
            if ("domain".equals(key) && domain == null) {
                domain = value;
            } else if ("index".equals(key) && index == null) {
                index = value;
            } else {
                throw new IllegalArgumentException("unsupported part '" + part + "' in '" + text + "'");
            }
        }
        if (domain == null || index == null) {
            throw new IllegalArgumentException("'" + text + "' needs domain= and index=, e.g. systemd:domain=INET:index=0");
        }
        if (!domain.equals("INET") && !domain.equals("INET6")) {
            throw new IllegalArgumentException("only INET and INET6 sockets can be served, not domain '" + domain + "'");
        }
        if (index.isEmpty() || index.length() > 4 || !index.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("bad index '" + index + "' in '" + text + "'");
        }
        return Optional.of(new SystemdPort(Integer.parseInt(index)));
    }

    /** Checks any port the {@code port} file may hold: TCP ({@link PortSpec}) or systemd's. */
    static void check(String text) {
        if (parse(text).isEmpty()) {
            PortSpec.parse(text);
        }
    }
}
