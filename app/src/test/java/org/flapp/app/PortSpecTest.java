package org.flapp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PortSpecTest {
    @Test
    void readsThePlainAndInterfaceForms() {
        assertEquals(new PortSpec(3116, null), PortSpec.parse("tcp:3116"));
        assertEquals(new PortSpec(41010, "127.0.0.1"), PortSpec.parse("tcp:41010:interface=127.0.0.1"));
        assertEquals(new PortSpec(8000, "localhost"), PortSpec.parse("tcp:port=8000:interface=localhost"));
        assertEquals(new PortSpec(80, null), PortSpec.parse("80"));
        assertEquals(new PortSpec(0, null), PortSpec.parse("tcp:0"));
    }

    @Test
    void givesTheTubEndpointAndProbeHost() {
        assertEquals("tcp:5:interface=127.0.0.1", PortSpec.parse("tcp:5:interface=127.0.0.1").tubEndpoint());
        assertEquals("tcp:5", PortSpec.parse("tcp:5").tubEndpoint());
        assertEquals("127.0.0.1", PortSpec.parse("tcp:5:interface=0.0.0.0").probeHost());
        assertEquals("10.1.2.3", PortSpec.parse("tcp:5:interface=10.1.2.3").probeHost());
        assertNull(PortSpec.parse("tcp:5").iface());
    }

    @Test
    void rejectsWhatIsNotATcpPort() {
        for (String bad : new String[] {"", "tcp:", "tcp:http", "tcp:65536", "ssl:443", "unix:/x", "tcp:1:foo=2",
                "tcp:1:2", "tcp:123456", "tcp:1:interface="}) {
            assertThrows(IllegalArgumentException.class, () -> PortSpec.parse(bad), bad);
        }
    }
}
