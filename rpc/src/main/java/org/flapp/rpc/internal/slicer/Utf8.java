package org.flapp.rpc.internal.slicer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.flapp.rpc.PythonText;
import org.flapp.rpc.ViolationException;
import org.flapp.rpc.internal.banana.BananaProtocolException;

/** UTF-8 conversions with Python's strictness where the protocol needs it. Stateless. */
public final class Utf8 {
    private Utf8() {}

    /** Strict decoding: malformed input is fatal, as Python's {@code bytes.decode('utf-8')} raising is. */
    public static String decodeStrict(byte[] bytes, String what) {
        try {
            return PythonText.decodeUtf8(bytes);
        } catch (CharacterCodingException e) {
            throw new BananaProtocolException("invalid UTF-8 in " + what);
        }
    }

    /** Lenient decoding: malformed bytes become U+FFFD. */
    static String decodeLenient(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Strict encoding: an unpaired surrogate cannot be sent (Python could not hold one either). */
    static byte[] encodeStrict(String text) {
        try {
            ByteBuffer buf = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(java.nio.CharBuffer.wrap(text));
            byte[] bytes = new byte[buf.remaining()];
            buf.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new ViolationException("cannot serialize a string with an unpaired surrogate");
        }
    }
}
