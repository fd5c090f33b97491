/**
 * Every table of references a connection keeps and every hook that reads or writes one:
 * {@code ExportTable} (our objects the peer may call, by CLID), {@code ImportTable} (the peer's
 * objects we hold), {@code GiftTable} and {@code GiftReference} (third-party references),
 * {@code ConnectionReferences} joining them, {@code InboundReferences}/{@code OutboundReferences}
 * (the hooks the codec calls) and {@code RemoteReferenceImpl}.
 *
 * <p><b>May use:</b> the public API and {@code furl}; it reaches calls only through its own
 * {@code CallSender} interface (which the Broker implements), and the Tub only through
 * {@code internal.call.BrokerHost}.
 *
 * <p><b>Threads:</b> the tables belong to their connection's event loop; a
 * {@code RemoteReferenceImpl} may be used from any thread and hands its work to that loop. Every
 * table a peer can grow is bounded.
 */
package org.flapp.rpc.internal.reference;
