/**
 * The PB message model: what a top-level message is once decoded ({@code CallMessage},
 * {@code AnswerMessage}, {@code ErrorMessage}, {@code RejectedCall} for a call refused while it was
 * decoded), the root unslicer that builds them, and the slicers that send calls, answers and
 * errors.
 *
 * <p><b>May use:</b> {@code internal.banana}, {@code internal.slicer} and the public failures;
 * nothing about connections or dispatch.
 *
 * <p><b>Threads:</b> messages are immutable once built; building and sending them happens on the
 * connection's event loop.
 */
package org.flapp.rpc.internal.message;
