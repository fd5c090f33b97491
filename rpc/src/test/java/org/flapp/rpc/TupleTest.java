package org.flapp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TupleTest {
    @Test
    void isImmutable() {
        Tuple t = Tuple.of(1L, "a");
        assertThrows(UnsupportedOperationException.class, () -> t.add(2L));
        assertThrows(UnsupportedOperationException.class, () -> t.set(0, 2L));
        List<Object> source = new ArrayList<>(List.of(1L));
        Tuple copy = Tuple.copyOf(source);
        source.add(2L);
        assertEquals(List.of(1L), copy);
    }

    @Test
    void hasNoPublicWayToChangeItsItems() {
        // only the factories and List's read-only view are public; building a tuple before its
        // items (for cycles) is the decoder's, through internal.slicer.TupleConstruction
        for (Method m : Tuple.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers())) {
                assertTrue(List.of("of", "copyOf", "get", "size", "toString").contains(m.getName()), m.toString());
            }
        }
    }

    @Test
    void equalsAListAndPrintsAsPython() {
        assertEquals(List.of(1L), Tuple.of(1L));
        assertEquals("(1,)", Tuple.of(1L).toString());
        assertEquals("(1, 2)", Tuple.of(1L, 2L).toString());
    }
}
