package org.flapp.rpc.internal.negotiation;

/**
 * What the master needs to know about a live connection to a peer when that peer connects again
 * (docs/protocol.md, "Duplicate connections").
 *
 * @param peerIncarnation the peer's {@code my-incarnation} from that connection's hello
 * @param currentConnectionSeqnum that connection's {@code current-connection} value,
 *     "&lt;incarnation&gt; &lt;seqnum&gt;" (as sent or received); only the seqnum is compared
 */
public record ExistingConnection(String peerIncarnation, String currentConnectionSeqnum) {}
