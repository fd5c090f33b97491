package org.flapp.rpc.furl;

import io.netty.util.NetUtil;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code tor:HOST:PORT} connection hint: a Tub reached through Tor, usually at an onion
 * address ({@code tor:abcd...xyz.onion:3116}). Read as Foolscap 21.7.0's Tor connection handler
 * reads it: HOST is a dotted quad or a DNS name of {@code A-Za-z0-9.-}, PORT a run of digits,
 * and a numeric address Tor cannot reach (IPv4 loopback, private, multicast, reserved or
 * unspecified) makes the hint unusable ("ignoring non-Tor-able ipaddr"). The host is handed to
 * the Tor proxy as a name, never resolved here. Immutable.
 */
public record TorHint(String host, int port) {
    // Foolscap's Tor handler reuses the TCP handler's host expressions
    private static final Pattern TOR = Pattern.compile(
            "^tor:(" + TcpHint.DOTTED_QUAD + "|" + TcpHint.DNS_NAME + "):(" + TcpHint.DIGIT + "+)$", Pattern.UNIX_LINES);

    public TorHint {
        TcpHint.checkAddress("Tor", host, port);
    }

    /** The Tor hint {@code hint} stands for, or empty when it is not a usable {@code tor:} hint. */
    public static Optional<TorHint> parse(String hint) {
        Matcher m = TOR.matcher(hint);
        if (!m.find() || isNonPublicNumeric(m.group(1))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TorHint(m.group(1), Integer.parseInt(m.group(2))));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    /** Foolscap's is_non_public_numeric_address, for the IPv4 addresses a hint can hold. */
    static boolean isNonPublicNumeric(String host) {
        byte[] a = NetUtil.createByteArrayFromIpAddressString(host);
        if (a == null || a.length != 4) {
            return false;  // a name: Tor resolves it (Python's regex admits no IPv6 here)
        }
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        int b2 = a[2] & 0xff;
        int b3 = a[3] & 0xff;
        // Python 3.11's ipaddress: loopback, multicast and reserved (224/3 in all), unspecified
        // and "this network" (0/8), then is_private's table with its two exceptions
        return b0 == 0 || b0 == 10 || b0 == 127 || b0 >= 224
                || (b0 == 169 && b1 == 254) || (b0 == 172 && b1 >= 16 && b1 < 32) || (b0 == 192 && b1 == 168)
                || (b0 == 192 && b1 == 0 && b2 == 0 && b3 != 9 && b3 != 10) || (b0 == 192 && b1 == 0 && b2 == 2)
                || (b0 == 198 && (b1 == 18 || b1 == 19)) || (b0 == 198 && b1 == 51 && b2 == 100)
                || (b0 == 203 && b1 == 0 && b2 == 113);
    }

    /** The hint as written in a FURL. */
    @Override
    public String toString() {
        return "tor:" + host + ":" + port;
    }
}
