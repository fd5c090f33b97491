package org.flapp.rpc.internal.tub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.flapp.rpc.TubOptions;
import org.flapp.rpc.internal.clock.ManualClock;
import org.junit.jupiter.api.Test;

class ConnectionGateTest {
    private final List<String> logged = new ArrayList<>();

    private ConnectionGate gate(int max, int perSource) {
        TubOptions options = TubOptions.builder().maxConnections(max).maxConnectionsPerAddress(perSource).build();
        return new ConnectionGate(max, perSource, new RefusalLog(new ManualClock(), options, logged::add));
    }

    @Test
    void admitsUpToThePerSourceCapAndClosesTheNextAtOnce() {
        ConnectionGate gate = gate(100, 3);
        List<EmbeddedChannel> admitted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            EmbeddedChannel ch = new EmbeddedChannel();
            assertTrue(gate.admit(ch));
            admitted.add(ch);
        }
        EmbeddedChannel fourth = new EmbeddedChannel();
        assertFalse(gate.admit(fourth));
        assertFalse(fourth.isOpen(), "refused at once");
        assertEquals(3, gate.open());
        assertEquals(List.of("refused a connection from embedded: over maxConnectionsPerAddress (3);"
                + " further refusals are summarised every 60 s"), logged);

        admitted.get(0).close();
        assertEquals(2, gate.open(), "a closed connection no longer counts");
        assertTrue(gate.admit(new EmbeddedChannel()));
        admitted.forEach(EmbeddedChannel::close);
    }

    @Test
    void globalCapCountsEverySourceAndForgetsSourcesWithoutConnections() {
        ConnectionGate gate = gate(2, 10);
        EmbeddedChannel a = new EmbeddedChannel();
        EmbeddedChannel b = new EmbeddedChannel();
        assertTrue(gate.admit(a));
        assertTrue(gate.admit(b));
        EmbeddedChannel c = new EmbeddedChannel();
        assertFalse(gate.admit(c));
        assertFalse(c.isOpen());
        assertTrue(logged.get(0).contains("over maxConnections (2)"), logged.toString());
        a.close();
        b.close();
        assertEquals(0, gate.open());
        assertEquals(0, gate.sources(), "no entry is kept for a source without connections");
    }

    @Test
    void countsIpv4ByAddressAndIpv6ByItsSlash64() throws Exception {
        assertEquals("192.0.2.7", ConnectionGate.sourceOf(new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 5)));
        String a = ConnectionGate.sourceOf(new InetSocketAddress(InetAddress.getByName("2001:db8:1:2::1"), 5));
        String b = ConnectionGate.sourceOf(new InetSocketAddress(InetAddress.getByName("2001:db8:1:2:ffff::9"), 5));
        String other = ConnectionGate.sourceOf(new InetSocketAddress(InetAddress.getByName("2001:db8:1:3::1"), 5));
        assertEquals("20010db800010002::/64", a);
        assertEquals(a, b);
        assertFalse(a.equals(other));
        assertEquals("192.0.2.7", ConnectionGate.sourceOf(
                new InetSocketAddress(InetAddress.getByName("::ffff:192.0.2.7"), 5)), "IPv4-mapped is IPv4");
    }
}
