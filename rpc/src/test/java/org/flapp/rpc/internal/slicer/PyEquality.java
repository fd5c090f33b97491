package org.flapp.rpc.internal.slicer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flapp.rpc.FrozenSet;
import org.flapp.rpc.Tuple;

/**
 * Asserts that a decoded Java value is what a parsed Python literal describes: exact Java types
 * (Tuple vs List, FrozenSet vs Set, Long vs BigInteger), float bits, order of dicts and sets, and
 * for {@link PyLiteral#CYCLE} identity with an enclosing container.
 */
final class PyEquality {
    private PyEquality() {}

    static void assertPyEqual(Object expected, Object actual) {
        check(expected, actual, new ArrayDeque<>(), "value");
    }

    private static void check(Object expected, Object actual, Deque<Object> ancestors, String path) {
        if (expected == PyLiteral.CYCLE) {
            assertTrue(ancestors.stream().anyMatch(a -> a == actual), path + ": expected a reference to an enclosing container");
            return;
        }
        if (expected == null) {
            assertNull(actual, path);
            return;
        }
        if (expected instanceof Boolean || expected instanceof String || expected instanceof BigInteger) {
            assertEquals(expected, actual, path);
            return;
        }
        if (expected instanceof Long) {
            assertInstanceOf(Long.class, actual, path);
            assertEquals(expected, actual, path);
            return;
        }
        if (expected instanceof Double d) {
            assertInstanceOf(Double.class, actual, path);
            assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits((Double) actual), path + " bits");
            return;
        }
        if (expected instanceof BigDecimal d) {
            assertInstanceOf(BigDecimal.class, actual, path);
            assertEquals(0, d.compareTo((BigDecimal) actual), path);
            return;
        }
        if (expected instanceof byte[] b) {
            assertInstanceOf(byte[].class, actual, path);
            assertArrayEquals(b, (byte[]) actual, path);
            return;
        }
        ancestors.push(actual);
        try {
            if (expected instanceof Tuple t) {
                assertInstanceOf(Tuple.class, actual, path);
                elements(t, (List<?>) actual, ancestors, path);
            } else if (expected instanceof List<?> l) {
                assertInstanceOf(List.class, actual, path);
                assertTrue(!(actual instanceof Tuple), path + ": a list, not a tuple");
                elements(l, (List<?>) actual, ancestors, path);
            } else if (expected instanceof Map<?, ?> m) {
                assertInstanceOf(Map.class, actual, path);
                Map<?, ?> a = (Map<?, ?>) actual;
                assertEquals(m.size(), a.size(), path + " size");
                Iterator<? extends Map.Entry<?, ?>> ea = a.entrySet().iterator();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    Map.Entry<?, ?> got = ea.next();
                    check(e.getKey(), got.getKey(), ancestors, path + " key");
                    check(e.getValue(), got.getValue(), ancestors, path + "[" + e.getKey() + "]");
                }
            } else if (expected instanceof FrozenSet f) {
                assertInstanceOf(FrozenSet.class, actual, path);
                elements(List.copyOf(f), List.copyOf((FrozenSet) actual), ancestors, path);
            } else if (expected instanceof Set<?> s) {
                assertInstanceOf(Set.class, actual, path);
                assertTrue(!(actual instanceof FrozenSet), path + ": a set, not a frozenset");
                elements(List.copyOf(s), List.copyOf((Set<?>) actual), ancestors, path);
            } else {
                assertEquals(expected, actual, path);
            }
        } finally {
            ancestors.pop();
        }
    }

    private static void elements(List<?> expected, List<?> actual, Deque<Object> ancestors, String path) {
        assertEquals(expected.size(), actual.size(), path + " size");
        for (int i = 0; i < expected.size(); i++) {
            check(expected.get(i), actual.get(i), ancestors, path + "[" + i + "]");
        }
    }
}
