package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.internal.banana.BananaDecoder;
import org.flapp.rpc.internal.banana.CodecLimits;
import org.flapp.rpc.internal.banana.MessageEncoder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flapp.rpc.ViolationException;
import org.flapp.rpc.internal.banana.VocabTable;
import org.flapp.rpc.Recorded;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every vector of vectors/banana.jsonl (bytes produced by Foolscap 21.7.0) decodes, at every
 * fragment size, to the value the vector describes and re-encodes to the same bytes, in both
 * vocabulary dialects. Documented exclusions: {@code Decimal('NaN')} cannot be a BigDecimal (the
 * decoder rejects it as a Violation) and {@code Decimal('-0')} decodes as 0 (re-encoded "0").
 */
class BananaVectorsTest {
    private static final CodecLimits ROOMY = new CodecLimits(1 << 20, 1 << 22, 1000);

    static Stream<Arguments> vectors() throws IOException {
        return Recorded.vectorLines("banana.jsonl").stream().map(MiniJson::object)
                .map(v -> Arguments.of(v.get("id"), v));
    }

    static Object expectedValue(Map<String, Object> v) {
        String repr = (String) v.get("decoded_repr");
        boolean truncated = repr.endsWith("...") && !repr.endsWith("...]") && !repr.endsWith("...}");
        return PyLiteral.parse(truncated ? (String) v.get("python") : repr);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesAndReencodesByteExactly(String id, Map<String, Object> v) {
        if (v.containsKey("error")) {
            refusesWhatPythonRefuses(id, v);
            return;
        }
        Object expected = expectedValue(v);
        check(id, expected, HexFormat.of().parseHex((String) v.get("hex")), VocabTable.TABLE_1);
        check(id, expected, HexFormat.of().parseHex((String) v.get("hex_vocab0")), VocabTable.TABLE_0);
    }

    private static void check(String id, Object expected, byte[] wire, VocabTable table) {
        Object decoded = null;
        for (int fragment : Feed.fragmentSizes(wire.length)) {
            EmbeddedChannel channel = new EmbeddedChannel(BananaDecoder.forValues(ROOMY, table, new TestRefs()));
            List<Object> items = Feed.inbound(channel, wire, fragment);
            assertTrue(channel.isOpen(), id + ": connection kept");
            assertEquals(0, Feed.outbound(channel).length, id + ": nothing written back");
            if (expected == PyLiteral.UNREPRESENTABLE) {
                assertEquals(List.of(), items, id + ": refused as a Violation");
                continue;
            }
            assertEquals(1, items.size(), id + " at fragment size " + fragment);
            decoded = ((BananaDecoder.DecodedValue) items.get(0)).value();
            PyEquality.assertPyEqual(expected, decoded);
        }
        if (expected == PyLiteral.UNREPRESENTABLE || id.equals("decimal:-0")) {
            return;
        }
        ByteBuf again = new MessageEncoder(table, new TestRefs()).encodeValue(ByteBufAllocator.DEFAULT, decoded);
        try {
            assertEquals(HexFormat.of().formatHex(wire), ByteBufUtil.hexDump(again), id + " re-encoded");
        } finally {
            again.release();
        }
    }

    private static void refusesWhatPythonRefuses(String id, Map<String, Object> v) {
        Object value = id.startsWith("refuse:") ? new Object() : PyLiteral.parse((String) v.get("python"));
        MessageEncoder encoder = new MessageEncoder(VocabTable.TABLE_1, new TestRefs());
        ViolationException e = assertThrows(ViolationException.class,
                () -> encoder.encodeValue(ByteBufAllocator.DEFAULT, value));
        assertTrue(e.getMessage().startsWith("cannot"), e.getMessage());
        assertEquals(0, encoder.nextOpenId(), "nothing counted");
    }

    @org.junit.jupiter.api.Test
    void decodedDecimalMinusZeroIsZeroAsDocumented() {
        EmbeddedChannel channel = new EmbeddedChannel(BananaDecoder.forValues(ROOMY, VocabTable.TABLE_1, new TestRefs()));
        List<Object> items = Feed.inbound(channel, HexFormat.of().parseHex("00880782646563696d616c02822d300089"), 100);
        Object value = ((BananaDecoder.DecodedValue) items.get(0)).value();
        assertInstanceOf(java.math.BigDecimal.class, value);
        assertFalse(((java.math.BigDecimal) value).signum() != 0);
    }
}
