package org.flapp.rpc.internal.reference;

import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.flapp.rpc.Referenceable;

/**
 * The objects we exported to the peer on one connection. Each gets a clid (1, 2, … never reused)
 * the first time it is sent; the peer calls it by that number. We count how often we sent it so
 * a peer's {@code decref(clid, count)} frees the entry only when it has seen every send.
 * Event-loop confined.
 */
public final class ExportTable {
    private long nextClid = 1;
    private final Map<Referenceable, Export> byObject = new IdentityHashMap<>();
    private final Map<Long, Export> byClid = new HashMap<>();

    /** One exported object. */
    public static final class Export {
        private final long clid;
        private final Referenceable object;
        private long sendCount;
        private final Set<String> names = new HashSet<>(1);

        private Export(long clid, Referenceable object) {
            this.clid = clid;
            this.object = object;
        }

        public long clid() {
            return clid;
        }

        public Referenceable object() {
            return object;
        }

        /** A name the object was looked up by, for the URL of its first send; or null. */
        public String anyName() {
            return names.isEmpty() ? null : names.iterator().next();
        }
    }

    /** The export for {@code object}, made if needed; the caller is about to send it once more. */
    public Export send(Referenceable object) {
        Export export = byObject.get(object);
        if (export == null) {
            export = new Export(nextClid++, object);
            byObject.put(object, export);
            byClid.put(export.clid, export);
        }
        export.sendCount++;
        return export;
    }

    /** True when {@code export}'s last {@link #send} was its first. */
    public static boolean isFirstSend(Export export) {
        return export.sendCount == 1;
    }

    /** Remembers that {@code object} is being handed out because a peer asked for {@code name}. */
    public void noteName(Referenceable object, String name) {
        Export export = byObject.get(object);
        if (export == null) {
            export = new Export(nextClid++, object);
            byObject.put(object, export);
            byClid.put(export.clid, export);
        }
        export.names.add(name);
    }

    /** The object with this clid, or null. */
    public Referenceable lookup(long clid) {
        Export export = byClid.get(clid);
        return export == null ? null : export.object;
    }

    /** The peer dropped {@code count} of the sends of {@code clid}; forget it when none remain. */
    public void decref(long clid, long count) {
        Export export = byClid.get(clid);
        if (export == null) {
            return; // unknown or already gone: Foolscap ignores it too
        }
        export.sendCount -= count;
        if (export.sendCount <= 0) {
            remove(export);
        }
    }

    /** Forgets every object handed out under {@code name}; returns how many were dropped. */
    public int revokeName(String name) {
        int dropped = 0;
        for (Iterator<Export> it = byClid.values().iterator(); it.hasNext(); ) {
            Export export = it.next();
            if (export.names.contains(name)) {
                it.remove();
                byObject.remove(export.object);
                dropped++;
            }
        }
        return dropped;
    }

    private void remove(Export export) {
        byClid.remove(export.clid);
        byObject.remove(export.object);
    }
}
