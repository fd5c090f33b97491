package org.flapp.app;

import java.util.Locale;
import java.util.Objects;

/**
 * A listening port in the Twisted "strports" syntax that flappserver stores in the {@code port}
 * file: {@code tcp:PORT}, {@code tcp:PORT:interface=ADDR}, the keyword form
 * {@code tcp:port=PORT:interface=ADDR}, or a bare port number (old Twisted syntax). Only TCP is
 * supported (Python's flappserver refuses {@code ssl:} too). Immutable.
 *
 * @param port the TCP port, 0 meaning any free port
 * @param iface the address to bind, or {@code null} for all addresses
 */
record PortSpec(int port, String iface) {
    PortSpec {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port number out of range: " + port);
        }
    }

    /**
     * Parses a strports string.
     *
     * @throws IllegalArgumentException with a message that names the problem
     */
    static PortSpec parse(String text) {
        Objects.requireNonNull(text, "text");
        String spec = text.strip();
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("empty port specification");
        }
        if (spec.chars().allMatch(Character::isDigit)) {
            return new PortSpec(number(spec, text), null);
        }
        String[] parts = spec.split(":", -1);
        if (!parts[0].toLowerCase(Locale.ROOT).equals("tcp")) {
            throw new IllegalArgumentException("only tcp: ports are supported, not '" + parts[0] + "'");
        }
        Integer port = null;
        String iface = null;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            int eq = part.indexOf('=');
            String key = eq < 0 ? null : part.substring(0, eq);
            String value = eq < 0 ? part : part.substring(eq + 1);
            if (key == null && i == 1 || "port".equals(key)) {
                if (port != null) {
                    throw new IllegalArgumentException("port given twice in '" + text + "'");
                }
                port = number(value, text);
            } else if ("interface".equals(key)) {
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("empty interface in '" + text + "'");
                }
                iface = value;
            } else if ("backlog".equals(key)) {
                number(value, text); // accepted and ignored, as a hint to the OS
            } else {
                throw new IllegalArgumentException("unsupported part '" + part + "' in '" + text + "'");
            }
        }
        if (port == null) {
            throw new IllegalArgumentException("no port number in '" + text + "'");
        }
        return new PortSpec(port, iface);
    }

    private static int number(String value, String whole) {
        if (value.isEmpty() || value.length() > 5 || !value.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("bad port number '" + value + "' in '" + whole + "'");
        }
        int n = Integer.parseInt(value);
        if (n > 65535) {
            throw new IllegalArgumentException("port number out of range in '" + whole + "'");
        }
        return n;
    }

    /** The endpoint string {@link org.flapp.rpc.Tub#listenOn} takes. */
    String tubEndpoint() {
        return iface == null ? "tcp:" + port : "tcp:" + port + ":interface=" + iface;
    }

    /** Where a local client reaches this port: the bound interface, or loopback for "all". */
    String probeHost() {
        if (iface == null || iface.equals("0.0.0.0") || iface.equals("::")) {
            return "127.0.0.1";
        }
        return iface;
    }
}
