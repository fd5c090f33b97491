/**
 * Banana, the token layer and its Netty codec: {@code TokenReader} (a state machine that checks
 * every limit before a byte is buffered) and {@code TokenWriter}, {@code BananaDecoder} and
 * {@code MessageEncoder} in the pipeline, and the {@code UnslicerStack} that turns tokens into
 * values through the {@code Unslicer} contract. Its limits are {@code CodecLimits}.
 *
 * <p><b>May use:</b> the public value types and failures, {@code internal.slicer} (the unslicers
 * of each type), {@code internal.message} (what a top-level message becomes) and
 * {@code internal.reference} (the hooks a reference token calls while decoding).
 *
 * <p><b>Threads:</b> one decoder, encoder and stack per connection, used on its event loop only;
 * the token classes are not thread-safe and are owned by one connection.
 */
package org.flapp.rpc.internal.banana;
