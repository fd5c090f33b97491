package org.flapp.rpc.internal.negotiation;

import io.netty.channel.Channel;
import org.flapp.rpc.TubIdentity;
import org.flapp.rpc.internal.clock.ConnectionClock;

/**
 * The Tub's side of connection negotiation: its identity, its connection tables, and where a
 * negotiated channel goes. Every method is called on the negotiating channel's event loop and
 * must not block; a Tub whose channels run on several event loops must make these methods
 * thread-safe.
 */
public interface NegotiationHost {
    TubIdentity identity();

    /** The clock of the negotiation deadlines. */
    default ConnectionClock clock() {
        return ConnectionClock.system();
    }

    /** 16 lowercase hex chars, fixed per Tub instance. */
    String incarnation();

    /**
     * Values for our hello's last-connection line when we connect to peerTubId: "none 0" or
     * "&lt;inc&gt; &lt;seq&gt;", the current-connection of the last decision received from it
     * (handed over in {@link NegotiatedConnection#currentConnection()}).
     */
    String lastConnectionTo(String peerTubId);

    /**
     * Master side: the seqnum for a decision towards peerTubId. Foolscap counts 1, 2, ... per
     * peer; the peer only echoes it back in a later hello's last-connection, so any value that is
     * never repeated within this incarnation serves (a Tub-wide counter keeps no state per peer).
     */
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
