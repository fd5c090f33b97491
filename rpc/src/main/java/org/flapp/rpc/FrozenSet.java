package org.flapp.rpc;

import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An immutable set that travels as a Python {@code frozenset} ({@code immutable-set} on the
 * wire), kept apart from a plain {@link Set} (a Python {@code set}) so a value sent back keeps
 * its type. Iteration order is insertion order. Equality follows {@link Set}; the hash is computed
 * once and kept when no member is a mutable collection (see {@link Tuple} on cost).
 */
public final class FrozenSet extends AbstractSet<Object> {
    private final Set<Object> items;
    /** The hash, when no member is a mutable collection; else null. */
    private final Integer keptHash;

    private FrozenSet(Set<Object> items) {
        this.items = Collections.unmodifiableSet(items);
        this.keptHash = ValueEquality.fixedHash(items, false, this);
    }

    boolean hashKept() {
        return keptHash != null;
    }

    @Override
    public int hashCode() {
        return keptHash != null ? keptHash : super.hashCode();
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (o instanceof FrozenSet other && hashKept() && other.hashKept() && !keptHash.equals(other.keptHash)) {
            return false;
        }
        return super.equals(o);
    }

    public static FrozenSet of(Object... items) {
        Set<Object> set = new LinkedHashSet<>();
        Collections.addAll(set, items);
        return new FrozenSet(set);
    }

    public static FrozenSet copyOf(Collection<?> items) {
        return new FrozenSet(new LinkedHashSet<>(items));
    }

    @Override
    public Iterator<Object> iterator() {
        return items.iterator();
    }

    @Override
    public int size() {
        return items.size();
    }
}
