package org.flapp.rpc.internal.negotiation;

import io.netty.channel.Channel;
import org.flapp.rpc.TubIdentity;

/**
 * The Tub's side of connection negotiation: its identity, its connection tables, and where a
 * negotiated channel goes. Every method is called on the negotiating channel's event loop and
 * must not block; a Tub whose channels run on several event loops must make these methods
 * thread-safe.
 */
public interface NegotiationHost {
    TubIdentity identity();

    /** 16 lowercase hex chars, fixed per Tub instance. */
    String incarnation();

    /** Values for our hello's last-connection line when we connect to peerTubId: "none 0" or "&lt;inc&gt; &lt;seq&gt;". */
    String lastConnectionTo(String peerTubId);

    /** Non-master side: remember the decision's current-connection value for peerTubId. */
    void recordCurrentConnection(String peerTubId, String currentConnection);

    /** Master side: next seqnum for a decision towards peerTubId (starts at 1, +1 each time). */
    long nextSeqnum(String peerTubId);

    /** Master side duplicate check (section 5.9): info about an existing live connection to peerTubId, or null. */
    ExistingConnection existingConnection(String peerTubId);

    /** Drop an existing connection (duplicate accepted, or a decision arrived for a peer we already have). */
    void dropConnection(String peerTubId);

    /**
     * Negotiation finished. Called synchronously on the event loop BEFORE the negotiation handler
     * removes itself; the host adds its handlers at the END of the pipeline (after the negotiation
     * handler) and returns true, or returns false to refuse (the handler then closes the channel).
     * Any plaintext bytes already read past the negotiation are then passed on with
     * fireChannelRead. If we are master, the decision block has already been written AND flushed
     * in its own TLS record before this call.
     */
    boolean connectionReady(Channel channel, NegotiatedConnection connection);
}
