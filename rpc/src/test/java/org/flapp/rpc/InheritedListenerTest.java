package org.flapp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Socket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Tub#listenOnInherited}: a socket bound and listening before the Tub saw it (as systemd
 * passes one) is served. The test makes that socket through Netty's native code, as the JDK cannot
 * hand out a file descriptor.
 */
@Timeout(60)
class InheritedListenerTest {
    private static final Referenceable ECHO = new Referenceable() {
        private final RemoteMethods methods = RemoteMethods.builder().method("echo", args -> args.get(0)).build();

        @Override
        public RemoteMethods remoteMethods() {
            return methods;
        }
    };

    @Test
    void servesASocketBoundBeforeIt() throws Exception {
        Epoll.ensureAvailability();
        Socket listening = Socket.newSocketStream();
        listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        listening.listen(16);
        int port = ((InetSocketAddress) listening.localAddress()).getPort();
        try (Tub server = new Tub(TubIdentity.generateEphemeral()); Tub client = new Tub(TubIdentity.generateEphemeral())) {
            assertEquals(port, server.listenOnInherited(listening.intValue()));
            server.setLocation("tcp:127.0.0.1:" + port);
            String furl = server.registerReference(ECHO);
            RemoteReference echo = client.getReference(furl).get(30, TimeUnit.SECONDS);
            assertEquals("through the inherited socket", echo.callRemote("echo", "through the inherited socket")
                    .get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void refusesWhatIsNotAListeningTcpSocket() throws Exception {
        Epoll.ensureAvailability();
        Socket datagram = Socket.newSocketDomainDgram();
        Socket unbound = Socket.newSocketStream();
        try (Tub server = new Tub(TubIdentity.generateEphemeral())) {
            assertThrows(IllegalArgumentException.class, () -> server.listenOnInherited(datagram.intValue()));
            assertThrows(IllegalArgumentException.class, () -> server.listenOnInherited(unbound.intValue()));
            assertThrows(IllegalArgumentException.class, () -> server.listenOnInherited(0)); // stdin, not a socket here
        } finally {
            datagram.close(); // still open: a refused descriptor is left alone
            unbound.close();
        }
    }
}
