package org.flapp.rpc.furl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TorHintTest {
    @Test
    void readsOnionAndDnsNamesAndPublicAddresses() {
        assertEquals(Optional.of(new TorHint("abc.onion", 3116)), TorHint.parse("tor:abc.onion:3116"));
        assertEquals(Optional.of(new TorHint("example.org", 80)), TorHint.parse("tor:example.org:80"));
        assertEquals(Optional.of(new TorHint("8.8.8.8", 53)), TorHint.parse("tor:8.8.8.8:53"));
        assertEquals("tor:abc.onion:3116", TorHint.parse("tor:abc.onion:3116").orElseThrow().toString());
    }

    /** Addresses Python 3.11's ipaddress calls loopback, private, multicast, reserved or unspecified. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.1.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.1.1",
        "0.1.2.3", "224.0.0.1", "240.0.0.1", "255.255.255.255", "192.0.0.8", "192.0.0.170", "192.0.2.1",
        "198.18.0.1", "198.51.100.1", "203.0.113.5"})
    void ignoresAddressesTorCannotReachAsFoolscapDoes(String address) {
        assertEquals(Optional.empty(), TorHint.parse("tor:" + address + ":80"));
    }

    /** And the ones it calls public (checked against Python 3.11.2). */
    @ParameterizedTest
    @ValueSource(strings = {"100.64.0.1", "192.0.0.9", "172.15.0.1", "172.32.0.1", "1.1.1.1"})
    void keepsPublicAddresses(String address) {
        assertEquals(address, TorHint.parse("tor:" + address + ":80").orElseThrow().host());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp:abc.onion:80", "tor:abc.onion", "tor:[::1]:80", "tor:a_b.onion:80", "tor:abc.onion:",
        "tor:abc.onion:99999999999", "TOR:abc.onion:80"})
    void refusesWhatIsNotATorHint(String hint) {
        assertEquals(Optional.empty(), TorHint.parse(hint));
    }
}
