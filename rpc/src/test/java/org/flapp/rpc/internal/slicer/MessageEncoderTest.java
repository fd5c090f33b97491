package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.internal.banana.BananaDecoder;
import org.flapp.rpc.internal.banana.CodecLimits;
import org.flapp.rpc.internal.banana.MessageEncoder;
import org.flapp.rpc.internal.message.AnswerMessage;
import org.flapp.rpc.internal.message.ErrorMessage;
import org.flapp.rpc.internal.message.PbMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flapp.rpc.RemoteException;
import org.flapp.rpc.Tuple;
import org.flapp.rpc.ViolationException;
import org.flapp.rpc.internal.banana.VocabTable;
import org.flapp.rpc.internal.banana.Wire;
import org.junit.jupiter.api.Test;

class MessageEncoderTest {
    private final TestRefs refs = new TestRefs();
    private final MessageEncoder encoder = new MessageEncoder(VocabTable.TABLE_1, refs);

    /** Remembers the last buffer it handed out, to check it was released. */
    private static final class Capturing extends AbstractByteBufAllocator {
        ByteBuf last;

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            last = new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
            return last;
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return newHeapBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }

    private static String hex(ByteBuf buf) {
        try {
            return ByteBufUtil.hexDump(buf);
        } finally {
            buf.release();
        }
    }

    private PbMessage roundTrip(ByteBuf buf) {
        byte[] bytes = ByteBufUtil.getBytes(buf);
        buf.release();
        EmbeddedChannel ch = new EmbeddedChannel(new BananaDecoder(CodecLimits.defaults(), VocabTable.TABLE_1, refs));
        List<Object> out = Feed.inbound(ch, bytes, bytes.length);
        assertEquals(1, out.size());
        return (PbMessage) out.get(0);
    }

    @Test
    void sortsKeywordArgumentsByCodePointAndVocabularizesTheMethodName() {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("\uffff", 1);
        kwargs.put("\ud83d\ude00", 2); // U+1F600 sorts after U+FFFF by code point, before it by UTF-16 unit
        kwargs.put("a", 3);
        String expected = Wire.of().open(0).vocab(11).integer(1).integer(2).vocab(4).open(1).vocab(12).integer(0)
                .str("a").integer(3).str("\uffff").integer(1).str("\ud83d\ude00").integer(2).close(1).close(0)
                .hexString();
        assertEquals(expected, hex(encoder.encodeCall(ByteBufAllocator.DEFAULT, 1, 2, "list", List.of(), kwargs)));
    }

    @Test
    void refusesAnUnserializableValueReleasesTheBufferAndKeepsTheCounter() {
        Capturing alloc = new Capturing();
        ViolationException e = assertThrows(ViolationException.class, () -> encoder.encodeCall(alloc, 1, 1, "m",
                List.of(List.of(1, new Object())), Map.of()));
        assertEquals("cannot serialize java.lang.Object", e.getMessage());
        assertEquals(0, alloc.last.refCnt(), "buffer released");
        assertEquals(0, encoder.nextOpenId());
        String fresh = hex(new MessageEncoder(VocabTable.TABLE_1, refs).encodeAnswer(ByteBufAllocator.DEFAULT, 1, null));
        assertEquals(fresh, hex(encoder.encodeAnswer(ByteBufAllocator.DEFAULT, 1, null)));
        assertEquals(2, encoder.nextOpenId());
    }

    @Test
    void sharesObjectsAcrossArgumentsOfOneCallButNotAcrossMessages() {
        List<Object> shared = new ArrayList<>(List.of(1));
        String call = hex(encoder.encodeCall(ByteBufAllocator.DEFAULT, 1, 1, "m", List.of(shared), Map.of("k", shared)));
        assertEquals(Wire.of().open(0).vocab(11).integer(1).integer(1).str("m").open(1).vocab(12).integer(1)
                .open(2).vocab(4).integer(1).close(2).str("k").open(3).vocab(2).integer(2).close(3).close(1).close(0)
                .hexString(), call);
        String answer = hex(encoder.encodeAnswer(ByteBufAllocator.DEFAULT, 1, shared));
        assertEquals(Wire.of().open(4).vocab(13).integer(1).open(5).vocab(4).integer(1).close(5).close(4).hexString(),
                answer);
    }

    @Test
    void refusesDictKeysPythonCouldNotSortOrHold() {
        Map<Object, Object> mixed = new LinkedHashMap<>();
        mixed.put(1L, "a");
        mixed.put("b", 2L);
        assertTrue(assertThrows(ViolationException.class, () -> encoder.encodeAnswer(ByteBufAllocator.DEFAULT, 1, mixed))
                .getMessage().contains("'<' not supported between instances of 'str' and 'int'"));
        Map<Object, Object> equalInPython = new LinkedHashMap<>();
        equalInPython.put(1L, "a");
        equalInPython.put(1.0, "b");
        assertThrows(ViolationException.class, () -> encoder.encodeAnswer(ByteBufAllocator.DEFAULT, 1, equalInPython));
        Map<Object, Object> listKey = Map.of(List.of(1), 1);
        assertThrows(ViolationException.class, () -> encoder.encodeAnswer(ByteBufAllocator.DEFAULT, 1, listKey));
        assertEquals(0, encoder.nextOpenId());
    }

    @Test
    void sortsMixedNumberAndTupleKeysLikePython() {
        Map<Object, Object> numbers = new LinkedHashMap<>();
        numbers.put(2.5, "c");
        numbers.put(true, "b");
        numbers.put(-3L, "a");
        AnswerMessage a = (AnswerMessage) roundTrip(encoder.encodeAnswer(ByteBufAllocator.DEFAULT, 1, numbers));
        assertEquals(List.of(-3L, true, 2.5), new ArrayList<>(((Map<?, ?>) a.value()).keySet()));
        Map<Object, Object> tuples = new LinkedHashMap<>();
        tuples.put(Tuple.of(1L, "b"), 1L);
        tuples.put(Tuple.of(1L, "a"), 2L);
        tuples.put(Tuple.of(0L), 3L);
        AnswerMessage t = (AnswerMessage) roundTrip(encoder.encodeAnswer(ByteBufAllocator.DEFAULT, 2, tuples));
        assertEquals(List.of(Tuple.of(0L), Tuple.of(1L, "a"), Tuple.of(1L, "b")),
                new ArrayList<>(((Map<?, ?>) t.value()).keySet()));
    }

    @Test
    void refusesTextWithAnUnpairedSurrogate() {
        assertThrows(ViolationException.class, () -> encoder.encodeAnswer(ByteBufAllocator.DEFAULT, 1, "a\ud800b"));
    }

    @Test
    void writesReferencesAsThePbLayerDescribesThem() {
        String hex = hex(encoder.encodeAnswer(ByteBufAllocator.DEFAULT, 3, List.of(
                new TestRefs.Ref("my", 1, "", "pb://u"), new TestRefs.Ref("my", 1, null, null),
                new TestRefs.Ref("your", 5, null, null), new TestRefs.Ref("their", 7, null, "pb://f"))));
        assertEquals(Wire.of().open(0).vocab(13).integer(3).open(1).vocab(4)
                .open(2).vocab(15).integer(1).str("").str("pb://u").close(2)
                .open(3).vocab(15).integer(1).close(3)
                .open(4).vocab(16).integer(5).close(4)
                .open(5).vocab(17).integer(7).str("pb://f").close(5)
                .close(1).close(0).hexString(), hex);
    }

    @Test
    void sendsARemoteExceptionWithItsOwnFields() {
        RemoteException e = new RemoteException("foolscap.appserver.services.BadServiceArguments", "bad args",
                "Traceback unavailable\n", List.of("foolscap.appserver.services.BadServiceArguments", "builtins.Exception"));
        ErrorMessage m = (ErrorMessage) roundTrip(encoder.encodeError(ByteBufAllocator.DEFAULT, 4, e));
        assertEquals(4, m.reqId());
        PbVectorsTest.assertFailure(e, m.failure());
    }

    @Test
    void sendsAViolationAsFoolscapsViolation() {
        ErrorMessage m = (ErrorMessage) roundTrip(encoder.encodeError(ByteBufAllocator.DEFAULT, 2,
                new ViolationException("unknown CLID 99")));
        assertEquals("foolscap.tokens.Violation", m.failure().type());
        assertEquals("unknown CLID 99", m.failure().value());
        assertEquals(List.of("foolscap.tokens.Violation", "builtins.Exception", "builtins.BaseException",
                "builtins.object"), m.failure().parents());
        assertEquals("Traceback (most recent call last):\nfoolscap.tokens.Violation: unknown CLID 99\n",
                m.failure().remoteTraceback());
    }

    @Test
    void sendsAnyOtherThrowableAsItsJavaClassHierarchyWithoutItsFrames() {
        ErrorMessage m = (ErrorMessage) roundTrip(encoder.encodeError(ByteBufAllocator.DEFAULT, 2,
                new IllegalStateException("broken")));
        assertEquals("java.lang.IllegalStateException", m.failure().type());
        assertEquals("broken", m.failure().value());
        assertEquals(List.of("java.lang.IllegalStateException", "java.lang.RuntimeException", "java.lang.Exception",
                "java.lang.Throwable", "java.lang.Object"), m.failure().parents());
        // what Python's flappclient shows ends with type and message; the frames stay here
        assertEquals("Traceback (most recent call last):\njava.lang.IllegalStateException: broken\n",
                m.failure().remoteTraceback());
    }

    @Test
    void appliesFoolscapsCapsToFailureFields() {
        String tb = "A".repeat(700) + "B".repeat(1000) + "C".repeat(1200);
        RemoteException e = new RemoteException("t".repeat(201), "v".repeat(1001), tb, List.of("p".repeat(201)));
        RemoteException got = ((ErrorMessage) roundTrip(encoder.encodeError(ByteBufAllocator.DEFAULT, 1, e))).failure();
        assertEquals("t".repeat(197) + "..", got.type());
        assertEquals("v".repeat(997) + "..", got.value());
        assertEquals("A".repeat(700) + "\n\n-- TRACEBACK ELIDED --\n\n" + "C".repeat(1200), got.remoteTraceback());
        assertEquals(List.of("p".repeat(197) + ".."), got.parents());
    }

    @Test
    void keepsFailureFieldsAtTheirLimitsUntouched() {
        String tb = "x".repeat(1900);
        RemoteException e = new RemoteException("t".repeat(200), "v".repeat(1000), tb, List.of("p".repeat(200)));
        RemoteException got = ((ErrorMessage) roundTrip(encoder.encodeError(ByteBufAllocator.DEFAULT, 1, e))).failure();
        assertEquals(e.type(), got.type());
        assertEquals(e.value(), got.value());
        assertEquals(tb, got.remoteTraceback());
        assertEquals(e.parents(), got.parents());
    }

    @Test
    void cutsNonAsciiFailureTextSoItsBytesFitThePeersLimit() {
        RemoteException e = new RemoteException("T", "\u00e9".repeat(1000), "tb", List.of("P"));
        RemoteException got = ((ErrorMessage) roundTrip(encoder.encodeError(ByteBufAllocator.DEFAULT, 1, e))).failure();
        assertTrue(got.value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 1000);
        assertTrue(got.value().endsWith(".."));
    }
}
