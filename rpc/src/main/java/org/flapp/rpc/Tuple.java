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

    private Tuple(Object[] items) {
        this.items = items;
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
