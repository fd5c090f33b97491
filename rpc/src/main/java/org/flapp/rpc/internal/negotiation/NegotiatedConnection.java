package org.flapp.rpc.internal.negotiation;

import java.net.SocketAddress;

/**
 * What a finished negotiation agreed on, handed to {@link NegotiationHost#connectionReady}.
 *
 * @param peerTubId the peer's TubID, proven by its TLS certificate
 * @param weAreMaster true when our TubID is the larger one and we sent the decision block
 * @param weConnected true on the side that opened the TCP connection
 * @param vocabTableIndex the initial vocabulary table both sides now use (0 or 1)
 * @param peerIncarnation the peer's {@code my-incarnation} value (may be null for odd peers)
 * @param remoteAddress the peer's socket address
 * @param currentConnection the decision's {@code current-connection} value ("&lt;master
 *     incarnation&gt; &lt;seqnum&gt;"), sent by us as master or received as non-master; null when
 *     the master sent none. Keep it with the connection: {@link ExistingConnection} needs it.
 */
public record NegotiatedConnection(String peerTubId, boolean weAreMaster, boolean weConnected,
        int vocabTableIndex, String peerIncarnation, SocketAddress remoteAddress,
        String currentConnection) {

    /** Without the current-connection value (tests and callers that do not need it). */
    public NegotiatedConnection(String peerTubId, boolean weAreMaster, boolean weConnected,
            int vocabTableIndex, String peerIncarnation, SocketAddress remoteAddress) {
        this(peerTubId, weAreMaster, weConnected, vocabTableIndex, peerIncarnation, remoteAddress, null);
    }
}
