package org.flapp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TorSocksPortTest {
    private static InetSocketAddress from(String value) throws ClientFailure {
        return TorSocksPort.from(value == null ? Map.of() : Map.of("FOOLSCAP_TOR_SOCKS_PORT", value));
    }

    @Test
    void defaultsToTorsOwnSocksPort() throws Exception {
        assertEquals(new InetSocketAddress("127.0.0.1", 9050), from(null));
        assertEquals(new InetSocketAddress("127.0.0.1", 9050), from(" "));
    }

    @Test
    void readsTwistedEndpointsAsPythonsFlappclientDoesAndABarePort() throws Exception {
        assertEquals(new InetSocketAddress("127.0.0.1", 9150), from("tcp:127.0.0.1:9150"));
        assertEquals(new InetSocketAddress("127.0.0.1", 9150), from("tcp:host=127.0.0.1:port=9150"));
        assertEquals(new InetSocketAddress("127.0.0.1", 9150), from("9150"));
        assertEquals(9051, from("tcp:localhost:9051").getPort());
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix:/run/tor/socks", "tcp:127.0.0.1", "70000", "tcp:127.0.0.1:0", "socks"})
    void refusesAnythingElseNamingTheVariable(String value) {
        ClientFailure e = assertThrows(ClientFailure.class, () -> from(value));
        assertTrue(e.getMessage().startsWith("FOOLSCAP_TOR_SOCKS_PORT='" + value + "' is not a Tor SOCKS port"),
                e.getMessage());
    }
}
