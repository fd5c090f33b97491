package org.flapp.rpc.interop;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flapp.rpc.FrozenSet;
import org.flapp.rpc.Tuple;

/**
 * The Java twins of interop_peer.py's sample_values(): one value of every serializable type, by
 * the same names, and a type-exact comparison (a Tuple is not a List, a FrozenSet not a Set).
 */
final class SampleValues {
    private SampleValues() {}

    static Map<String, Object> all() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("none", null);
        values.put("true", true);
        values.put("false", false);
        values.put("zero", 0L);
        values.put("int", 123456L);
        values.put("negative", -42L);
        values.put("int32max", (long) Integer.MAX_VALUE);
        values.put("int32min", (long) Integer.MIN_VALUE);
        values.put("long", 1L << 31);
        values.put("longneg", -(1L << 31) - 1);
        values.put("int64max", Long.MAX_VALUE);
        values.put("huge", BigInteger.TWO.pow(100));
        values.put("hugeneg", BigInteger.TWO.pow(100).negate());
        values.put("float", 1.5);
        values.put("negzero", -0.0);
        values.put("bytes", new byte[] {0, 1, 'b', 'i', 'n', 'a', 'r', 'y', (byte) 0xff});
        values.put("vocabbytes", bytes("list"));
        values.put("emptybytes", new byte[0]);
        values.put("text", "h\u00e9llo \u2603");
        values.put("vocabtext", "call");
        values.put("emptytext", "");
        values.put("list", new ArrayList<>(Arrays.asList(1L, bytes("two"), "three", null)));
        values.put("emptylist", new ArrayList<>());
        values.put("tuple", Tuple.of(1L, bytes("a"), Tuple.of("nested")));
        values.put("emptytuple", Tuple.of());
        Map<Object, Object> dict = new LinkedHashMap<>();
        dict.put(bytes("b"), 2L);
        dict.put(bytes("a"), 1L);
        dict.put("text", new ArrayList<>(List.of(1L, 2L)));
        values.put("dict", dict);
        Map<Object, Object> intDict = new LinkedHashMap<>();
        intDict.put(3L, "c");
        intDict.put(1L, "a");
        intDict.put(2L, "b");
        values.put("intdict", intDict);
        values.put("set", new LinkedHashSet<>(List.of(1L, 2L, 3L)));
        values.put("frozenset", FrozenSet.of(bytes("x"), bytes("y")));
        values.put("decimal", new BigDecimal("1.5"));
        List<Object> shared = new ArrayList<>(List.of(1L));
        values.put("shared", new ArrayList<>(List.of(shared, shared)));
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        values.put("cyclic", cyclic);
        byte[] big = new byte[100000];
        Arrays.fill(big, (byte) 'x');
        values.put("bigstring", big);
        return values;
    }

    static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }

    /** Null when {@code actual} is {@code expected} in value and type; else what differs. */
    static String difference(String name, Object expected, Object actual) {
        if (name.equals("shared")) {
            return actual instanceof List<?> l && l.size() == 2 && l.get(0) == l.get(1)
                    && same(expected, actual) ? null : "not shared: " + describe(actual);
        }
        if (name.equals("cyclic")) {
            return actual instanceof List<?> l && l.size() == 1 && l.get(0) == l
                    ? null : "not cyclic: " + describe(actual);
        }
        return same(expected, actual) ? null
                : "expected " + describe(expected) + ", got " + describe(actual);
    }

    static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof byte[] x) {
            return b instanceof byte[] y && Arrays.equals(x, y);
        }
        if (a instanceof Double x) {
            return b instanceof Double y && Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y);
        }
        if (a instanceof Tuple != b instanceof Tuple || a instanceof FrozenSet != b instanceof FrozenSet) {
            return false;
        }
        if (a instanceof List<?> x) {
            if (!(b instanceof List<?> y) || x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x) {
            if (!(b instanceof Map<?, ?> y) || x.size() != y.size()) {
                return false;
            }
            outer:
            for (Map.Entry<?, ?> e : x.entrySet()) {
                for (Map.Entry<?, ?> f : y.entrySet()) {
                    if (same(e.getKey(), f.getKey())) {
                        if (!same(e.getValue(), f.getValue())) {
                            return false;
                        }
                        continue outer;
                    }
                }
                return false;
            }
            return true;
        }
        if (a instanceof Set<?> x) {
            if (!(b instanceof Set<?> y) || x.size() != y.size()) {
                return false;
            }
            outer:
            for (Object e : x) {
                for (Object f : y) {
                    if (same(e, f)) {
                        continue outer;
                    }
                }
                return false;
            }
            return true;
        }
        return a.getClass() == b.getClass() && a.equals(b);
    }

    static String describe(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof byte[] b) {
            return "b'" + new String(b, 0, Math.min(b.length, 40), StandardCharsets.ISO_8859_1) + "'";
        }
        if (value instanceof List<?> l && l.size() == 1 && l.get(0) == l) {
            return "[[...]]";
        }
        String text = value.getClass().getSimpleName() + ":" + value;
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
