package org.flapp.rpc.tor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.flapp.rpc.NegotiationException;
import org.flapp.rpc.NegotiationException.Reason;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.RemoteMethods;
import org.flapp.rpc.RemoteReference;
import org.flapp.rpc.Tub;
import org.flapp.rpc.TubIdentity;
import org.flapp.rpc.TubOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code tor:HOST:PORT} hints are dialed through the Tub's Tor SOCKS proxy: here a SOCKS5 server
 * of the test's own that forwards to a Tub on loopback. The hint's host is an onion name that
 * nothing but the proxy could map to that Tub, so a working call proves the connection went
 * through the proxy, and the proxy's record shows the name was passed unresolved.
 */
@Timeout(60)
class TorHintConnectTest {
    private static final String ONION = "flapptestaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.onion";

    private Tub server;
    private int port;
    private String swissnum;
    private final java.util.ArrayList<Tub> clients = new java.util.ArrayList<>();

    @BeforeEach
    void startServer() {
        server = new Tub(TubIdentity.generateEphemeral());
        port = server.listenOn("tcp:0:interface=127.0.0.1");
        server.setLocation("tor:" + ONION + ":" + port);
        Referenceable echo = new Referenceable() {
            private final RemoteMethods methods = RemoteMethods.builder()
                    .method("echo", args -> args.get(0)).build();

            @Override
            public RemoteMethods remoteMethods() {
                return methods;
            }
        };
        String furl = server.registerReference(echo);
        swissnum = furl.substring(furl.lastIndexOf('/') + 1);
    }

    @AfterEach
    void stop() {
        clients.forEach(Tub::close);
        server.close();
    }

    private String furl(String hints) {
        return "pb://" + server.tubId() + "@" + hints + "/" + swissnum;
    }

    private Tub client(InetSocketAddress proxy) {
        Tub tub = new Tub(TubIdentity.generateEphemeral(), TubOptions.builder()
                .connectTimeout(Duration.ofSeconds(20)).torSocksProxy(proxy).build());
        clients.add(tub);
        return tub;
    }

    @Test
    void aTorHintIsReachedThroughTheSocksProxyWithItsNameUnresolved() throws Exception {
        try (Socks5Forwarder tor = new Socks5Forwarder(List.of())) {
            Tub client = client(new InetSocketAddress(InetAddress.getLoopbackAddress(), tor.port()));
            RemoteReference ref = client.getReference(furl("tor:" + ONION + ":" + port)).get(30, TimeUnit.SECONDS);
            assertEquals("through tor", ref.callRemote("echo", "through tor").get(10, TimeUnit.SECONDS));
            // address type 3: the name itself went to the proxy
            assertEquals(List.of(new Socks5Forwarder.Request(3, ONION, port)), tor.requests());
        }
    }

    @Test
    void withoutTorListeningTheFailureSaysSo() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        Tub client = client(new InetSocketAddress(InetAddress.getLoopbackAddress(), dead));
        NegotiationException e = failure(client, furl("tor:" + ONION + ":" + port));
        assertEquals(Reason.PROXY, e.reason(), e::toString);
        assertTrue(e.getMessage().contains("cannot connect to the Tor SOCKS proxy at 127.0.0.1:" + dead), e.getMessage());
        assertTrue(e.getMessage().contains("is Tor running"), e.getMessage());
    }

    @Test
    void aProxyThatCannotReachTheHostIsReportedAsSuch() throws Exception {
        try (Socks5Forwarder tor = new Socks5Forwarder(List.of(ONION))) {
            Tub client = client(new InetSocketAddress(InetAddress.getLoopbackAddress(), tor.port()));
            NegotiationException e = failure(client, furl("tor:" + ONION + ":" + port));
            assertEquals(Reason.PROXY, e.reason(), e::toString);
            assertTrue(e.getMessage().contains("could not connect to it"), e.getMessage());
        }
    }

    @Test
    void withoutAProxyTorHintsAreSkippedAndTheFailureSaysWhy() throws Exception {
        NegotiationException e = failure(client(null), furl("tor:" + ONION + ":" + port));
        assertEquals(Reason.NO_USABLE_HINT, e.reason(), e::toString);
        assertTrue(e.getMessage().contains("need a Tor SOCKS proxy"), e.getMessage());
    }

    @Test
    void tcpHintsBesideATorHintStillConnectDirectly() throws Exception {
        try (Socks5Forwarder tor = new Socks5Forwarder(List.of(ONION))) {
            Tub client = client(new InetSocketAddress(InetAddress.getLoopbackAddress(), tor.port()));
            RemoteReference ref = client.getReference(furl("tor:" + ONION + ":" + port + ",tcp:127.0.0.1:" + port))
                    .get(30, TimeUnit.SECONDS);
            assertEquals(7L, ref.callRemote("echo", 7).get(10, TimeUnit.SECONDS));
        }
    }

    private static NegotiationException failure(Tub client, String furl) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> client.getReference(furl).get(30, TimeUnit.SECONDS));
        return assertInstanceOf(NegotiationException.class, e.getCause());
    }
}
