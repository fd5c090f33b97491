/**
 * Connection negotiation, the bytes before Banana: the plaintext {@code GET /id/TUBID} request
 * and its reply, the TLS upgrade with self-signed certificates, the hello and decision blocks,
 * and the refusals in the shape each phase expects. The rules are pure functions
 * ({@code NegotiationRules}); the Netty handlers ({@code ServerPlaintextHandler},
 * {@code ClientPlaintextHandler}, {@code TlsNegotiationHandler}) hold the state of one attempt
 * and hand a finished channel to a {@link org.flapp.rpc.internal.negotiation.NegotiationHost}.
 * A failure carries its {@link org.flapp.rpc.NegotiationException.Reason} from where it is found.
 *
 * <p><b>May use:</b> the public API ({@code TubIdentity}, {@code TubOptions}, the failures),
 * {@code internal.banana} for the Banana ERROR token and vocabulary tables; nothing about PB
 * calls or references.
 *
 * <p><b>Threads:</b> a connection's handlers run on its event loop and never block: host names
 * are resolved and TLS contexts built elsewhere. Every byte read here comes from an unknown peer
 * and is bounded before it is buffered.
 */
package org.flapp.rpc.internal.negotiation;
