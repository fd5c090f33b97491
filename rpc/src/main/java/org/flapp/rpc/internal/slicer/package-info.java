/**
 * One file per Banana type: how each value is written (a slicer) and read back (an unslicer):
 * list, tuple, dict, set, unicode, bytes, numbers, booleans, None, failures, references; plus
 * {@code ValueEncoder}, which picks the slicer for a value, and Python's ordering and repr rules
 * the wire depends on. Two bases hold what the unslicers share: {@code ContainerUnslicer} (list,
 * tuple, dict, set: the value being built, its registration for references, the room check) and
 * {@code OneTokenUnslicer} (boolean, unicode, decimal, reference: a body of exactly one token).
 *
 * <p><b>May use:</b> {@code internal.banana} (tokens, the unslicer contract, limits),
 * {@code internal.reference} (reference hooks) and the public value types.
 *
 * <p><b>Threads:</b> slicers are stateless; an unslicer lives for one value of one message and is
 * used on its connection's event loop only.
 */
package org.flapp.rpc.internal.slicer;
