package org.flapp.rpc.internal.negotiation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderBlockTest {
    private static HeaderBlock parse(String s) throws NegotiationFailure {
        return HeaderBlock.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesLikeFoolscap() throws Exception {
        HeaderBlock block = parse("My-Tub-ID:   abc\r\nx: first\r\nx: second\r\nempty:\r\nurl: a:b:c");
        assertEquals("abc", block.get("my-tub-id"));
        assertEquals("second", block.get("x"));
        assertEquals("", block.get("empty"));
        assertEquals("a:b:c", block.get("url"));
    }

    @Test
    void refusesLineWithoutColonEmptyBlockAndNonUtf8() {
        assertThrows(NegotiationFailure.class, () -> parse("a: 1\r\nno colon here"));
        assertThrows(NegotiationFailure.class, () -> parse(""));
        assertThrows(NegotiationFailure.class, () -> HeaderBlock.parse(new byte[] {'a', ':', ' ', (byte) 0xff}));
    }

    @Test
    void encodesClientHelloExactlyAsCaptured() {
        // transcripts/a-upload-file.streams.json, the client hello (169 bytes)
        String expected = "banana-negotiation-range: 3 3\r\n"
                + "initial-vocab-table-range: 0 1\r\n"
                + "last-connection: none 0\r\n"
                + "my-incarnation: 01259e735772a4eb\r\n"
                + "my-tub-id: 45rmdjlfbt4y2shnenqzzjp4vg4mhgfi\r\n"
                + "\r\n";
        byte[] hello = NegotiationRules.hello("45rmdjlfbt4y2shnenqzzjp4vg4mhgfi", "01259e735772a4eb", "none 0").encode();
        assertEquals(expected, new String(hello, StandardCharsets.US_ASCII));
        assertEquals(169, hello.length);
    }

    @Test
    void encodesServerHelloWithoutLastConnection() {
        byte[] hello = NegotiationRules.hello("fwhjwcytzdzbijbpnca627vyrj6tdppr", "8836f7db549af2ba", null).encode();
        assertEquals("banana-negotiation-range: 3 3\r\n"
                + "initial-vocab-table-range: 0 1\r\n"
                + "my-incarnation: 8836f7db549af2ba\r\n"
                + "my-tub-id: fwhjwcytzdzbijbpnca627vyrj6tdppr\r\n"
                + "\r\n", new String(hello, StandardCharsets.US_ASCII));
        assertEquals(144, hello.length);
    }

    @Test
    void encodesKeysSorted() {
        assertEquals("a: 1\r\nb: 2\r\n\r\n",
                new String(HeaderBlock.of(Map.of("b", "2", "A", "1")).encode(), StandardCharsets.US_ASCII));
    }
}
