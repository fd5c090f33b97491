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
    private final int hash;
    private final boolean hashKept;

    private FrozenSet(Set<Object> items) {
        this.items = Collections.unmodifiableSet(items);
        int h = 0;
        boolean fixed = true;
        for (Object item : items) {
            if (!ValueEquality.hashIsFixed(item)) {
                fixed = false;
                break;
            }
            h += item == null ? 0 : item.hashCode();
        }
        this.hash = fixed ? h : 0;
        this.hashKept = fixed;
    }

    /** True when this set's hash is kept (it then never changes). */
    boolean hashKept() {
        return hashKept;
    }

    @Override
    public int hashCode() {
        return hashKept ? hash : super.hashCode();
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (o instanceof FrozenSet other && hashKept && other.hashKept && hash != other.hash) {
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
