package org.flapp.rpc.internal.slicer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.flapp.rpc.FrozenSet;
import org.flapp.rpc.ViolationException;
import org.flapp.rpc.internal.banana.DecodeContext;
import org.flapp.rpc.Tuple;

/**
 * Python's hashing and equality for dict keys and set members, mapped onto Java values: a key
 * object whose {@code equals}/{@code hashCode} say what Python's {@code ==}/{@code hash} would
 * (byte strings by content, {@code True == 1 == 1.0}, tuples element-wise), or null for what
 * Python cannot hash (list, dict, set, a tuple still being decoded, a tuple that contains itself).
 *
 * <p><b>Cost.</b> An instance memoises the key of every tuple and frozenset by identity, and interns
 * the keys of containers, so equal containers get the same key object and a container key compares
 * its items by identity: a value's key costs its number of distinct nodes, not the size of its
 * unfolding (a DAG of 41 tuples that unfolds to 2<sup>40</sup> nodes costs 82 steps), and two equal
 * keys compare in time linear in their width. The work done is charged to a budget (the decoder's
 * per-message work budget). Keys from different instances must not be compared. Not thread-safe:
 * the decoder keeps one per inbound message.
 */
final class PyKeys {
    private record BytesKey(ByteBuffer bytes) {}

    private enum Marker { NONE, UNHASHABLE, PENDING, IN_PROGRESS }

    /** A tuple's key: canonical item keys (interned containers compared by identity), hash kept. */
    private static final class TupleKey {
        private final Object[] items;
        private final int hash;

        TupleKey(Object[] items) {
            this.items = items;
            this.hash = Arrays.hashCode(items);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof TupleKey other) || other.hash != hash || other.items.length != items.length) {
                return false;
            }
            for (int i = 0; i < items.length; i++) {
                if (!sameKey(items[i], other.items[i])) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A frozenset's key: the set of its members' canonical keys, hash kept. */
    private static final class FrozenSetKey {
        private final Set<Object> items;
        private final int hash;

        FrozenSetKey(Set<Object> items) {
            this.items = items;
            this.hash = items.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FrozenSetKey other && other.hash == hash && other.items.equals(items);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * Containers nested deeper than this (through references, the decoder's nesting limit does not
     * bound them) are refused rather than walked on the thread's stack; Python's own recursion
     * limit stops it at about the same depth.
     */
    static final int MAX_DEPTH = 1000;

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final Map<Object, Object> memo = new IdentityHashMap<>();
    private final Map<Object, Object> interned = new HashMap<>();
    private final BucketMeter internBuckets = new BucketMeter();
    private final LongConsumer charge;
    private int depth;

    /** @param charge receives the work done, in steps; may throw to stop it (a Violation) */
    PyKeys(LongConsumer charge) {
        this.charge = charge;
    }

    /** Keys for local values (the encoder's dict keys): no budget. */
    static PyKeys unbounded() {
        return new PyKeys(units -> { });
    }

    /** The keys of the message being decoded (one memo per message, charged to its work budget). */
    static PyKeys of(DecodeContext ctx) {
        return ctx.perMessage(PyKeys.class, c -> new PyKeys(c::charge));
    }

    /** The value's key, or null when Python could not hash it. */
    Object keyOf(Object value) {
        Object key = key(value);
        return key == Marker.UNHASHABLE || key == Marker.PENDING ? null : key;
    }

    /** True when Python would call the two values equal (both must be hashable). */
    boolean pyEquals(Object a, Object b) {
        Object ka = keyOf(a);
        Object kb = keyOf(b);
        return ka != null && ka.equals(kb);
    }

    /** Charges the cost of inserting an entry with this hash into a table metered by {@code meter}. */
    void chargeInsertion(BucketMeter meter, int hash) {
        charge.accept(meter.add(hash));
    }

    private static boolean sameKey(Object a, Object b) {
        if (a == b) {
            return true;
        }
        return !(a instanceof TupleKey) && !(a instanceof FrozenSetKey) && a.equals(b);
    }

    private Object key(Object value) {
        if (!(value instanceof Tuple) && !(value instanceof FrozenSet)) {
            return leafKey(value);
        }
        Object known = memo.get(value);
        if (known == Marker.IN_PROGRESS) {
            return Marker.UNHASHABLE; // contains itself: Python cannot build it, nor hash it
        }
        if (known != null) {
            return known;
        }
        if (depth >= MAX_DEPTH) {
            throw new ViolationException("value nested more than " + MAX_DEPTH + " levels deep cannot be hashed");
        }
        memo.put(value, Marker.IN_PROGRESS);
        depth++;
        Object computed;
        try {
            computed = value instanceof Tuple tuple ? tupleKey(tuple) : setKey((FrozenSet) value);
        } finally {
            depth--;
        }
        if (computed == Marker.PENDING) {
            memo.remove(value); // a tuple still being decoded: hashable perhaps once it is complete
        } else {
            memo.put(value, computed);
        }
        return computed;
    }

    private Object tupleKey(Tuple tuple) {
        int size;
        try {
            size = tuple.size();
        } catch (IllegalStateException stillDecoding) {
            return Marker.PENDING;
        }
        charge.accept(size + 1L);
        Object[] items = new Object[size];
        for (int i = 0; i < size; i++) {
            Object item = key(tuple.get(i));
            if (item == Marker.UNHASHABLE || item == Marker.PENDING) {
                return item;
            }
            items[i] = item;
        }
        return intern(new TupleKey(items));
    }

    private Object setKey(FrozenSet set) {
        charge.accept(set.size() + 1L);
        Set<Object> items = new HashSet<>();
        for (Object member : set) {
            Object item = key(member);
            if (item == Marker.UNHASHABLE || item == Marker.PENDING) {
                return item;
            }
            items.add(item);
        }
        return intern(new FrozenSetKey(items));
    }

    private Object intern(Object key) {
        chargeInsertion(internBuckets, key.hashCode());
        Object earlier = interned.putIfAbsent(key, key);
        return earlier != null ? earlier : key;
    }

    private static Object leafKey(Object value) {
        if (value == null) {
            return Marker.NONE;
        }
        if (value instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return normalize(big);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isInfinite(d) && !Double.isNaN(d) && d == Math.rint(d)) {
                return normalize(new BigDecimal(d).toBigIntegerExact());
            }
            return d;
        }
        if (value instanceof BigDecimal dec) {
            BigDecimal stripped = dec.stripTrailingZeros();
            return stripped.scale() <= 0 ? normalize(stripped.toBigInteger()) : stripped;
        }
        if (value instanceof byte[] bytes) {
            return new BytesKey(ByteBuffer.wrap(bytes));
        }
        if (value instanceof List || value instanceof Map || value instanceof Set) {
            return Marker.UNHASHABLE;
        }
        return value; // text, references and other objects: hashable as in Python
    }

    /**
     * Python's names for our value types, most specific first (a Tuple is a List, a FrozenSet a
     * Set, a Boolean is no Number but Double and BigDecimal are).
     */
    private static final List<Map.Entry<Class<?>, String>> TYPE_NAMES = List.of(
            Map.entry(Tuple.class, "tuple"), Map.entry(List.class, "list"), Map.entry(Map.class, "dict"),
            Map.entry(FrozenSet.class, "frozenset"), Map.entry(Set.class, "set"), Map.entry(String.class, "str"),
            Map.entry(byte[].class, "bytes"), Map.entry(Boolean.class, "bool"), Map.entry(Double.class, "float"),
            Map.entry(Float.class, "float"), Map.entry(BigDecimal.class, "Decimal"), Map.entry(Number.class, "int"));

    /** Python's name for the value's type, for messages. */
    static String typeName(Object value) {
        if (value == null) {
            return "NoneType";
        }
        for (Map.Entry<Class<?>, String> entry : TYPE_NAMES) {
            if (entry.getKey().isInstance(value)) {
                return entry.getValue();
            }
        }
        return value.getClass().getName();
    }

    private static Object normalize(BigInteger big) {
        return big.compareTo(LONG_MIN) >= 0 && big.compareTo(LONG_MAX) <= 0 ? (Object) big.longValue() : big;
    }
}
