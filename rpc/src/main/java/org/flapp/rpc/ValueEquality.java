package org.flapp.rpc;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Equality of decoded values in time linear in their number of distinct nodes. {@link List}'s
 * own equals walks a shared sub-value once per path to it: two separately built but equal DAGs of
 * 41 tuples ({@code t_i = (t_i-1, t_i-1)}) take 2<sup>40</sup> steps. Here pairs of sequences are
 * compared from a work list (no recursion, so no stack overflow either) and, once a pair is taken
 * up, the two sides are merged into one class (union-find by identity) and a later pair of the
 * same classes is skipped: the usual algorithm for comparing automata, right for trees and DAGs
 * (a difference found anywhere is a real one; if none is found the values are equal) and for
 * cycles. Sequences of unequal kept hashes differ at once. Elements that are not sequences
 * (sets, maps, leaves) are compared with their own equals.
 */
final class ValueEquality {
    private ValueEquality() {}

    /** True when the value's hash can never change: no mutable collection, or one with a kept hash. */
    static boolean hashIsFixed(Object value) {
        if (value instanceof Tuple t) {
            return t.hashKept();
        }
        if (value instanceof FrozenSet s) {
            return s.hashKept();
        }
        return !(value instanceof Collection) && !(value instanceof Map);
    }

    /**
     * The hash of {@code items} combined as {@link List} ({@code ordered}) or {@link java.util.Set}
     * combine it, or null when some item's hash may change (a mutable collection, or {@code self}).
     * O(items): the items' own hashes are kept or cheap.
     */
    static Integer fixedHash(Iterable<?> items, boolean ordered, Object self) {
        int h = ordered ? 1 : 0;
        for (Object item : items) {
            if (item == self || !hashIsFixed(item)) {
                return null;
            }
            int itemHash = item == null ? 0 : item.hashCode();
            h = ordered ? 31 * h + itemHash : h + itemHash;
        }
        return h;
    }

    /** {@link List#equals} semantics for a tuple and anything, linear in distinct nodes. */
    static boolean equal(Tuple a, Object b) {
        if (a == b) {
            return true;
        }
        if (!(b instanceof List)) {
            return false;
        }
        Map<Object, Object> parent = new IdentityHashMap<>();
        ArrayDeque<Object[]> work = new ArrayDeque<>();
        work.push(new Object[] {a, b});
        while (!work.isEmpty()) {
            Object[] pair = work.pop();
            Object x = pair[0];
            Object y = pair[1];
            if (x == y) {
                continue;
            }
            if (!(x instanceof List<?> xs) || !(y instanceof List<?> ys)) {
                if (x instanceof List || y instanceof List || !Objects.equals(x, y)) {
                    return false;
                }
                continue;
            }
            Object rx = find(parent, x);
            Object ry = find(parent, y);
            if (rx == ry) {
                continue;
            }
            if (xs.size() != ys.size() || keptHashesDiffer(x, y)) {
                return false;
            }
            parent.put(rx, ry);
            Iterator<?> yi = ys.iterator();
            for (Object xItem : xs) {
                work.push(new Object[] {xItem, yi.next()});
            }
        }
        return true;
    }

    private static boolean keptHashesDiffer(Object x, Object y) {
        return x instanceof Tuple tx && y instanceof Tuple ty && tx.hashKept() && ty.hashKept()
                && tx.hashCode() != ty.hashCode();
    }

    private static Object find(Map<Object, Object> parent, Object x) {
        Object root = x;
        Object next;
        while ((next = parent.get(root)) != null) {
            root = next;
        }
        while ((next = parent.get(x)) != null && next != root) { // path compression
            parent.put(x, root);
            x = next;
        }
        return root;
    }
}
