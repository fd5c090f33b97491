package org.flapp.rpc.furl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Base32Test {
    @Test
    void decodesWhatItEncodesForEveryLength() {
        Random random = new Random(42);
        for (int length = 0; length <= 41; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            String text = Base32.encode(data);
            assertEquals((length * 8 + 4) / 5, text.length());
            assertArrayEquals(data, Base32.decode(text), "length " + length);
            assertArrayEquals(data, Base32.decode(text.toUpperCase()), "length " + length);
        }
    }

    @Test
    void rejectsCharactersOutsideTheAlphabetWhenDecoding() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Base32.decode("ab1d"));
        assertTrue(e.getMessage().contains("'1'"), e.getMessage());
    }

    @Test
    void rejectsLengthsNoByteStringEncodesTo() {
        assertThrows(IllegalArgumentException.class, () -> Base32.decode("a"));
        assertThrows(IllegalArgumentException.class, () -> Base32.decode("abc"));
        assertThrows(IllegalArgumentException.class, () -> Base32.decode("abcdef"));
    }

    @Test
    void makesSwissnumsOfThirtyTwoBase32CharactersThatDiffer() {
        String first = Base32.randomSwissnum();
        assertEquals(32, first.length());
        assertTrue(Base32.isBase32(first));
        assertEquals(first.toLowerCase(), first);
        assertEquals(20, Base32.decode(first).length);
        assertNotEquals(first, Base32.randomSwissnum());
    }

    @Test
    void acceptsTheKelvinSignLikePython() {
        assertTrue(Base32.isBase32("\u212a"));
    }
}
