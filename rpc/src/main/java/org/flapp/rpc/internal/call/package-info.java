/**
 * Calls and answers on one connection: {@code Broker} (the connection facade), with the parts it
 * is made of by job: {@code InboundCalls} (dispatch, handler scheduling, flow control),
 * {@code OutboundCalls} and {@code PendingCalls} (calls we sent, answers we wait for),
 * {@code Outbox} (encoding and writing with back-pressure), {@code Keepalive},
 * {@code BrokerMethods} (the clid-0 methods as an explicit table), {@code TlsCloseHandler}.
 *
 * <p><b>May use:</b> {@code internal.message}, {@code internal.reference},
 * {@code internal.banana}, {@code internal.negotiation} (what negotiation found out about the
 * peer) and the public API.
 *
 * <p><b>Threads:</b> connection state is touched only on the channel's event loop; other threads
 * hand it tasks. Handlers and future completions run on the connection's serial executor (on the
 * Tub's call executor), never on the event loop.
 */
package org.flapp.rpc.internal.call;
