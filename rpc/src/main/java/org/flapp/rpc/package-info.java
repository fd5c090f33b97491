/**
 * Flapp's RPC engine, the public API: a {@link org.flapp.rpc.Tub} publishes
 * {@link org.flapp.rpc.Referenceable} objects under FURLs and reaches other Tubs' objects as
 * {@link org.flapp.rpc.RemoteReference}s, speaking Foolscap 21.7.0's protocol byte for byte. Its
 * settings are {@link org.flapp.rpc.TubOptions}; its failures are the subclasses of
 * {@link org.flapp.rpc.RpcException}, each telling its kind by type (and a
 * {@link org.flapp.rpc.NegotiationException.Reason}), never by its words.
 *
 * <p><b>May use:</b> {@code org.flapp.rpc.furl}, and of the {@code internal} packages only
 * {@code internal.tub} (to start a Tub), {@code internal.identity} (certificates) and
 * {@code internal.slicer.TupleConstruction} (how the decoder builds a tuple): the rest of the
 * engine is hidden behind {@code Tub}. Code outside rpc uses only this package and
 * {@code furl}.
 *
 * <p><b>Threads:</b> a {@code Tub} and a {@code RemoteReference} may be used from any thread;
 * value types ({@code Tuple}, {@code FrozenSet}, {@code Arguments}, {@code TubOptions}) are
 * immutable. Futures returned here complete on the Tub's call executor, never on a network
 * thread, and remote-method handlers run there too, one at a time per connection.
 */
package org.flapp.rpc;
