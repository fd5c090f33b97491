package org.flapp.rpc.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.flapp.rpc.TubIdentity;
import org.flapp.rpc.TubOptions;
import org.flapp.rpc.furl.Furl;
import org.flapp.rpc.internal.banana.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RawPeer itself against a live Java Tub: well-behaved traffic gets the expected answers. */
@Timeout(60)
class RawPeerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void negotiatesResolvesTheSwissnumAndCallsEchoAsMasterAndAsNonMaster() throws Exception {
        try (HostileServer server = new HostileServer(TubOptions.defaults())) {
            Furl furl = Furl.parse(server.furl);
            // one connection in each role: which side is master depends on how the two TubIDs
            // compare, so pick identities (cheap EC keys) until each role has one; a server TubID
            // near either end of the alphabet makes one role rare, hence the generous cap
            for (boolean wantMaster : new boolean[] {true, false}) {
                TubIdentity identity = TubIdentity.generateEphemeral();
                for (int tries = 1; (identity.tubId().compareTo(server.tubId()) > 0) != wantMaster; tries++) {
                    assertTrue(tries < 100_000, "no identity found for master=" + wantMaster);
                    identity = TubIdentity.generateEphemeral();
                }
                try (RawPeer peer = RawPeer.connect(furl, identity)) {
                    assertEquals(server.tubId(), peer.serverHello().get("my-tub-id"));
                    long clid = peer.resolveTarget(WAIT);
                    peer.send(peer.call(2, clid, "echo", 41L));
                    peer.send(peer.call(3, clid, "echo", "h\u00e9"));
                    Item answer = peer.next(WAIT);
                    assertTrue(answer.isSequence("answer") && answer.reqId() == 2, answer.render());
                    assertEquals(41, answer.child(1).number());
                    Item text = peer.next(WAIT);
                    assertEquals("answer(3, unicode(\"h\\xc3\\xa9\"))", text.render());
                    peer.send(Wire.of().ping(9));
                    assertEquals("PONG(9)", peer.next(WAIT).render());
                }
            }
            server.assertBystanderServed();
        }
    }

    @Test
    void seesTheServerCloseAfterAFatalError() throws Exception {
        try (HostileServer server = new HostileServer(TubOptions.defaults());
             RawPeer peer = RawPeer.connect(server.furl)) {
            peer.resolveTarget(WAIT);
            peer.send(Wire.of().integer(7));
            Item error = peer.next(WAIT);
            assertEquals(Item.Kind.ERROR, error.kind(), error.render());
            assertTrue(peer.awaitClosed(WAIT), "the server kept the connection");
            assertEquals(Item.CLOSED, peer.next(WAIT));
        }
    }

    @Test
    @Timeout(180)
    void aPeerThatStopsReadingGetsEveryAnswerOnceItReadsAgain() throws Exception {
        int calls = 16;
        byte[] quarterMebibyte = new byte[256 * 1024];
        try (HostileServer server = new HostileServer(TubOptions.defaults());
             RawPeer peer = RawPeer.connect(server.furl)) {
            long clid = peer.resolveTarget(WAIT);
            peer.setReading(false);
            Wire all = Wire.of();
            for (int i = 0; i < calls; i++) {
                all.raw(peer.call(2 + i, clid, "echo", (Object) quarterMebibyte).bytes());
            }
            // 4 MiB of answers, more than the server's write buffer may hold: it holds them back
            var writing = peer.sendInBackground(all.bytes());
            server.assertBystanderServed();
            peer.setReading(true);
            for (int i = 0; i < calls; i++) {
                Item answer = peer.next(Duration.ofSeconds(60));
                assertTrue(answer.isSequence("answer") && answer.reqId() == 2 + i, answer.kind() + " " + i);
                assertEquals(quarterMebibyte.length, answer.child(1).body().length);
            }
            writing.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
