package org.flapp.rpc;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;
import org.flapp.rpc.internal.slicer.TupleConstruction;

/**
 * An immutable sequence that travels as a Python {@code tuple}, kept apart from {@link List}
 * (a Python {@code list}) so a value sent back to a peer keeps the type the peer sent.
 *
 * <p>Equality and hashing follow {@link List}: {@code Tuple.of(1L).equals(List.of(1L))} is true.
 * Use {@code instanceof Tuple} to tell the two apart.
 *
 * <p><b>Cost.</b> A peer can send a tuple that shares its items ({@code t1 = (t0, t0)},
 * {@code t2 = (t1, t1)}, …: 41 tuples that unfold to 2<sup>40</sup>), so a tuple keeps its hash,
 * computed once from its items' (kept) hashes, when none of its items is a mutable list, set or
 * map; and {@link #equals} compares the pairs of shared sub-values once each, without recursion
 * (see {@code ValueEquality}). Both cost about the number of distinct tuples, not the unfolded size.
 */
public final class Tuple extends AbstractList<Object> implements RandomAccess {
    private static final Tuple EMPTY = new Tuple(new Object[0]);

    static {
        // the decoder's way to build a tuple before its items, kept out of the public API
        TupleConstruction.install(new TupleConstruction.Maker() {
            @Override
            public Tuple placeholder() {
                return new Tuple(null);
            }

            @Override
            public void complete(Tuple placeholder, List<?> values) {
                placeholder.complete(values);
            }
        });
    }

    /** Null only while the decoder has not filled it in yet (see {@link TupleConstruction}). */
    private Object[] items;
    /** The hash, once known and fixed (no mutable collection among the items); else null. */
    private Integer keptHash;

    private Tuple(Object[] items) {
        this.items = items;
        if (items != null) {
            keepHash();
        }
    }

    /** A tuple of the given items (nulls allowed: they stand for Python's {@code None}). */
    public static Tuple of(Object... items) {
        return items.length == 0 ? EMPTY : new Tuple(items.clone());
    }

    /** A tuple holding the items of {@code items}, in iteration order. */
    public static Tuple copyOf(Collection<?> items) {
        return items.isEmpty() ? EMPTY : new Tuple(items.toArray());
    }

    private void complete(List<?> values) {
        if (items != null) {
            throw new IllegalStateException("tuple is already complete");
        }
        items = new ArrayList<>(values).toArray();
        keepHash();
    }

    private void keepHash() {
        keptHash = ValueEquality.fixedHash(Arrays.asList(items), true, this);
    }

    /** True when this tuple's hash is kept (it then never changes). */
    boolean hashKept() {
        return keptHash != null;
    }

    @Override
    public int hashCode() {
        return keptHash != null ? keptHash : super.hashCode();
    }

    @Override
    public boolean equals(Object o) {
        return ValueEquality.equal(this, o);
    }

    @Override
    public Object get(int index) {
        return items()[index];
    }

    @Override
    public int size() {
        return items().length;
    }

    private Object[] items() {
        if (items == null) {
            throw new IllegalStateException("tuple is still being decoded");
        }
        return items;
    }

    @Override
    public String toString() {
        if (items == null) {
            return "(...)";
        }
        if (items.length == 1) {
            return "(" + items[0] + ",)";
        }
        String inner = Arrays.toString(items);
        return "(" + inner.substring(1, inner.length() - 1) + ")";
    }
}
