package org.flapp.rpc.hostile;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.flapp.rpc.internal.banana.Wire;

/**
 * Hostile messages shared by the in-process attacks (this package) and those on a real
 * flappserver process (app's tests): calls carrying third-party references ("gifts") that point
 * wherever the attacker likes, and a negotiation request a slow-loris never finishes.
 */
public final class HostileMessages {
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private HostileMessages() {}

    /** A TubID nobody has (32 base32 characters). */
    public static String randomTubId() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            id.append(BASE32.charAt(RANDOM.nextInt(32)));
        }
        return id.toString();
    }

    /** Appends {@code their-reference(0, "pb://<random TubID>@tcp:127.0.0.1:<port>/swiss<n>")}. */
    public static void gift(RawPeer peer, Wire w, int port, int n) {
        long id = peer.open(w, "their-reference");
        w.integer(0).str("pb://" + randomTubId() + "@tcp:127.0.0.1:" + port + "/swiss" + n).close(id);
    }

    /**
     * A call to {@code method} on {@code clid} whose {@code count} positional arguments are gifts,
     * each to its own TubID at 127.0.0.1:{@code port}: a server that accepts gifts dials each.
     */
    public static Wire giftCall(RawPeer peer, long reqId, long clid, String method, int count, int port) {
        Wire w = Wire.of();
        RawPeer.OpenCall call = peer.startCall(w, reqId, clid, method, count);
        for (int i = 0; i < count; i++) {
            gift(peer, w, port, i);
        }
        return call.finish(w);
    }

    /** A valid request for {@code tubId} without its final blank line: a slow-loris that never finishes. */
    public static byte[] unfinishedRequest(String tubId) {
        return ("GET /id/" + tubId + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: TLS/1.0\r\n"
                + "Connection: Upgrade\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
