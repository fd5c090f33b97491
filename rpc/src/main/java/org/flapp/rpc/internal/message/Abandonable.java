package org.flapp.rpc.internal.message;

import org.flapp.rpc.ViolationException;

/**
 * A top-level PB unslicer ({@code call}, {@code answer}, {@code error}) that says what stands for
 * its message when the decoder abandons it, so that a call is answered and a caller's wait ends.
 */
public interface Abandonable {
    /**
     * The message to hand on instead of the abandoned one, or null to drop it (request ID not
     * read yet, or an ABORTed call: its sender knows).
     *
     * @param cause   the violation (null for an ABORT)
     * @param text    Foolscap's wording: {@code Violation (<where>): ('why',)}
     */
    PbMessage abandoned(ViolationException cause, String text);
}
