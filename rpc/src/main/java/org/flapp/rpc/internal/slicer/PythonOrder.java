package org.flapp.rpc.internal.slicer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import org.flapp.rpc.FrozenSet;
import org.flapp.rpc.Tuple;
import org.flapp.rpc.ViolationException;

/**
 * Python 3's {@code <} for the key types a dict can have, so dict keys go out in the order
 * {@code sorted()} gives a Python sender: numbers by value (bool, int, float and Decimal mix),
 * str by code point, bytes unsigned-lexicographic, tuples element-wise, frozensets by subset.
 * Kinds Python cannot compare (e.g. str and int) raise {@link ViolationException}; a Python
 * sender would drop the connection there (docs/protocol.md, "Values"). Stateless.
 */
public final class PythonOrder implements Comparator<Object> {
    static final PythonOrder INSTANCE = new PythonOrder();

    private enum Kind { NUMBER, STR, BYTES, TUPLE, FROZENSET, OTHER }

    private PythonOrder() {}

    @Override
    public int compare(Object a, Object b) {
        Kind ka = kind(a);
        Kind kb = kind(b);
        if (ka != kb || ka == Kind.OTHER) {
            throw new ViolationException("cannot sort dict keys: '<' not supported between instances of '"
                    + PyKeys.typeName(a) + "' and '" + PyKeys.typeName(b) + "'");
        }
        return switch (ka) {
            case NUMBER -> compareNumbers(a, b);
            case STR -> compareCodePoints((String) a, (String) b);
            case BYTES -> Arrays.compareUnsigned((byte[]) a, (byte[]) b);
            case TUPLE -> compareTuples((Tuple) a, (Tuple) b);
            case FROZENSET -> compareSubsets((Set<?>) a, (Set<?>) b);
            case OTHER -> throw new AssertionError();
        };
    }

    private static Kind kind(Object v) {
        if (v instanceof Number || v instanceof Boolean) {
            return Kind.NUMBER;
        }
        if (v instanceof String) {
            return Kind.STR;
        }
        if (v instanceof byte[]) {
            return Kind.BYTES;
        }
        if (v instanceof Tuple) {
            return Kind.TUPLE;
        }
        if (v instanceof FrozenSet) {
            return Kind.FROZENSET;
        }
        return Kind.OTHER;
    }

    private static int compareNumbers(Object a, Object b) {
        BigDecimal da = exact(a);
        BigDecimal db = exact(b);
        if (da == null || db == null) { // NaN or an infinity: Python's float comparison
            return Double.compare(asDouble(a), asDouble(b));
        }
        return da.compareTo(db);
    }

    private static double asDouble(Object v) {
        return v instanceof Boolean bool ? (bool ? 1 : 0) : ((Number) v).doubleValue();
    }

    private static BigDecimal exact(Object v) {
        if (v instanceof Boolean bool) {
            return bool ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (v instanceof BigDecimal dec) {
            return dec;
        }
        if (v instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isNaN(d) || Double.isInfinite(d) ? null : new BigDecimal(d);
        }
        return BigDecimal.valueOf(((Number) v).longValue());
    }

    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private int compareTuples(Tuple a, Tuple b) {
        int n = Math.min(a.size(), b.size());
        PyKeys keys = PyKeys.unbounded();
        for (int i = 0; i < n; i++) {
            if (!keys.pyEquals(a.get(i), b.get(i))) {
                return compare(a.get(i), b.get(i));
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareSubsets(Set<?> a, Set<?> b) {
        if (a.size() < b.size() && b.containsAll(a)) {
            return -1;
        }
        if (b.size() < a.size() && a.containsAll(b)) {
            return 1;
        }
        return 0;
    }
}
