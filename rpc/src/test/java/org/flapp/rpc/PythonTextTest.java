package org.flapp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are what python3 prints for {@code repr(x)}. */
class PythonTextTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "plain|'plain'",
        "it's|\"it's\"",
        "both ' and \"|'both \\' and \"'",
        "back\\slash|'back\\\\slash'",
        "é✓😀|'é✓😀'",
    })
    void reprQuotesAsPythonDoes(String text, String expected) {
        assertEquals(expected, PythonText.repr(text));
    }

    @Test
    void reprEscapesWhatPythonDoesNotPrint() {
        assertEquals("'line\\nbreak\\ttab\\r'", PythonText.repr("line\nbreak\ttab\r"));
        assertEquals("'nul\\x00del\\x7f'", PythonText.repr("nul\u0000del\u007f"));
        assertEquals("'c1\\x85nbsp\\xa0'", PythonText.repr("c1\u0085nbsp\u00a0"));
        assertEquals("'ls\\u2028'", PythonText.repr("ls\u2028"));
        assertEquals("'\\U000e0001'", PythonText.repr(new String(Character.toChars(0xe0001))));
    }

    @Test
    void longTextIsCutInsideTheQuotesNeverInsideAPair() {
        assertEquals("'abc...'", PythonText.repr("abcdef", 3));
        assertEquals("'a...'", PythonText.repr("a😀b", 2));
        assertEquals("'abc'", PythonText.repr("abc", 3));
    }

    @Test
    void bytesReprAsPythonDoes() {
        assertEquals("b'abc'", PythonText.repr("abc".getBytes(StandardCharsets.US_ASCII), 100));
        assertEquals("b\"it's\"", PythonText.repr("it's".getBytes(StandardCharsets.US_ASCII), 100));
        assertEquals("b'\\x00\\xff\\n\\\\'", PythonText.repr(new byte[] {0, (byte) 0xff, '\n', '\\'}, 100));
        assertEquals("b'ab'... (5 bytes)", PythonText.repr("abcde".getBytes(StandardCharsets.US_ASCII), 2));
    }

    @Test
    void utf8DecodingIsStrict() throws Exception {
        assertEquals("é", PythonText.decodeUtf8(new byte[] {(byte) 0xc3, (byte) 0xa9}));
        assertThrows(CharacterCodingException.class, () -> PythonText.decodeUtf8(new byte[] {(byte) 0xc3}));
        assertThrows(CharacterCodingException.class, () -> PythonText.decodeUtf8(new byte[] {(byte) 0xff, 'a'}));
        // an encoded surrogate is not UTF-8 for Python either
        assertThrows(CharacterCodingException.class,
                () -> PythonText.decodeUtf8(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}));
    }
}
