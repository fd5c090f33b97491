package org.flapp.rpc.internal.reference;

import java.util.HashMap;
import java.util.Map;
import org.flapp.rpc.RemoteReference;

/**
 * References to third Tubs' objects that we passed to the peer (their-references), kept alive
 * until the peer says with {@code decgift} that it holds its own. Event-loop confined.
 */
public final class GiftTable {
    private long lastGiftId;
    private final Map<Long, RemoteReference> held = new HashMap<>();

    /** Keeps {@code reference} for the peer; returns the gift ID to send with it. */
    long hold(RemoteReference reference) {
        long giftId = ++lastGiftId;
        held.put(giftId, reference);
        return giftId;
    }

    /** The peer has taken the gift. */
    public void release(long giftId) {
        held.remove(giftId);
    }
}
