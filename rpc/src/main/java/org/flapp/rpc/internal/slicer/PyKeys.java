package org.flapp.rpc.internal.slicer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flapp.rpc.FrozenSet;
import org.flapp.rpc.Tuple;

/**
 * Python's hashing and equality for dict keys and set members, mapped onto Java values: a key
 * object whose {@code equals}/{@code hashCode} say what Python's {@code ==}/{@code hash} would
 * (byte strings by content, {@code True == 1 == 1.0}, tuples element-wise), or null for what
 * Python cannot hash (list, dict, set, and a tuple still being decoded). Stateless.
 */
final class PyKeys {
    private record BytesKey(ByteBuffer bytes) {}

    private record TupleKey(List<Object> items) {}

    private record FrozenSetKey(Set<Object> items) {}

    private enum NoneKey { NONE }

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private PyKeys() {}

    static Object keyOf(Object value) {
        if (value == null) {
            return NoneKey.NONE;
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
        if (value instanceof String) {
            return value;
        }
        if (value instanceof Tuple tuple) {
            List<Object> items = new ArrayList<>();
            try {
                for (Object item : tuple) {
                    Object key = keyOf(item);
                    if (key == null) {
                        return null;
                    }
                    items.add(key);
                }
            } catch (IllegalStateException stillDecoding) {
                return null;
            }
            return new TupleKey(items);
        }
        if (value instanceof FrozenSet set) {
            Set<Object> items = new HashSet<>();
            for (Object item : set) {
                items.add(keyOf(item));
            }
            return new FrozenSetKey(items);
        }
        if (value instanceof List || value instanceof Map || value instanceof Set) {
            return null;
        }
        return value; // references and other objects: hashable by identity, as in Python
    }

    /** True when Python would call the two values equal (both must be hashable). */
    static boolean pyEquals(Object a, Object b) {
        Object ka = keyOf(a);
        Object kb = keyOf(b);
        return ka != null && ka.equals(kb);
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
