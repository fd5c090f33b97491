package org.flapp.client;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where flappclient finds Tor, for {@code tor:} hints: {@code FOOLSCAP_TOR_SOCKS_PORT}, read as
 * Python's flappclient reads it, a Twisted client endpoint ({@code tcp:HOST:PORT} or
 * {@code tcp:host=HOST:port=PORT}); a bare port number means that port on 127.0.0.1. Unset, it is
 * 127.0.0.1:9050, Tor's default SocksPort (Python's flappclient then has no Tor handler at all
 * and skips {@code tor:} hints). Python's other way, {@code FOOLSCAP_TOR_CONTROL_PORT} (asking a
 * Tor control port for the SOCKS port), is not supported: name the SOCKS port instead.
 */
final class TorSocksPort {
    static final String VARIABLE = "FOOLSCAP_TOR_SOCKS_PORT";
    static final int DEFAULT_PORT = 9050;
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");
    private static final Pattern POSITIONAL = Pattern.compile("tcp:([^:=]+):(\\d{1,5})");
    private static final Pattern NAMED = Pattern.compile("tcp:host=([^:]+):port=(\\d{1,5})");

    private TorSocksPort() {}

    /**
     * The proxy address {@code environment} names, resolved (a local name: "localhost").
     *
     * @throws ClientFailure when the variable is set to something else
     */
    static InetSocketAddress from(Map<String, String> environment) throws ClientFailure {
        String value = environment.get(VARIABLE);
        if (value == null || value.isBlank()) {
            return new InetSocketAddress("127.0.0.1", DEFAULT_PORT);
        }
        String spec = value.strip();
        if (PORT.matcher(spec).matches()) {
            return address("127.0.0.1", spec, value);
        }
        for (Pattern form : new Pattern[] {POSITIONAL, NAMED}) {
            Matcher m = form.matcher(spec);
            if (m.matches()) {
                return address(m.group(1), m.group(2), value);
            }
        }
        throw bad(value, "expected tcp:HOST:PORT, tcp:host=HOST:port=PORT or a port number");
    }

    private static InetSocketAddress address(String host, String digits, String value) throws ClientFailure {
        int port = Integer.parseInt(digits);
        if (port < 1 || port > 65535) {
            throw bad(value, "the port must be 1 to 65535");
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw bad(value, "cannot resolve " + host);
        }
        return address;
    }

    private static ClientFailure bad(String value, String why) {
        return new ClientFailure(ClientFailure.Reason.UNREACHABLE, VARIABLE + "='" + value + "' is not a Tor SOCKS port: "
                + why);
    }
}
