package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.internal.banana.BananaDecoder;
import org.flapp.rpc.internal.banana.CodecLimits;
import org.flapp.rpc.internal.banana.MessageEncoder;
import org.flapp.rpc.internal.message.AnswerMessage;
import org.flapp.rpc.internal.message.CallMessage;
import org.flapp.rpc.internal.message.ErrorMessage;
import org.flapp.rpc.internal.message.PbMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flapp.rpc.RemoteException;
import org.flapp.rpc.internal.banana.VocabTable;
import org.flapp.rpc.internal.banana.Wire;
import org.junit.jupiter.api.Test;
import org.flapp.rpc.Recorded;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every stream of vectors/pb.jsonl (PB messages written by a real Foolscap Broker) decodes, at
 * every fragment size, into the expected {@link PbMessage}s, and re-encoding them with one
 * {@link MessageEncoder} (open-IDs continuing across messages) gives the same bytes.
 */
class PbVectorsTest {
    private static final TestRefs.Ref MINE_FIRST = new TestRefs.Ref("my", 1, "", null);
    private static final TestRefs.Ref MINE_AGAIN = new TestRefs.Ref("my", 1, null, null);

    private static Map<String, Object> kw(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Object> list(Object... items) {
        return new ArrayList<>(java.util.Arrays.asList(items));
    }

    private static final Map<String, List<PbMessage>> EXPECTED = Map.of(
            "call:no-args", List.of(new CallMessage(1, 1, "ping", list(), kw())),
            "call:pos-and-kw", List.of(new CallMessage(1, 7, "meth", list(1L, b("two"), "three"),
                    kw("a", list(1L), "x", null))),
            "call:only", List.of(new CallMessage(0, 1, "stdout", list((Object) b("data\n")), kw())),
            "call:getReferenceByName", List.of(new CallMessage(1, 0, "getReferenceByName", list(),
                    kw("name", b("swissnum".repeat(4))))),
            "call:decref", List.of(new CallMessage(1, 0, "decref", list(), kw("clid", 3L, "count", 2L))),
            "call:referenceable-args", List.of(
                    new CallMessage(1, 1, "take", list(MINE_FIRST, MINE_AGAIN), kw()),
                    new CallMessage(2, 1, "take", list(MINE_AGAIN), kw())),
            "call:abort-unserializable", List.of(),
            "call:your-reference", List.of(new CallMessage(1, 1, "give_back",
                    list(new TestRefs.Ref("your", 5, null, null)), kw())),
            "answer:values", List.of(new AnswerMessage(1, null), new AnswerMessage(2, b("bytes")),
                    new AnswerMessage(3, kw("k", list(1L, 2L)))),
            "answer:my-reference", List.of(new AnswerMessage(4, MINE_FIRST)));

    private static final RemoteException BOOM = new RemoteException("builtins.ValueError", "boom",
            "Traceback (most recent call last):\nFailure: builtins.ValueError: boom\n",
            List.of("builtins.ValueError", "builtins.Exception", "builtins.BaseException", "builtins.object"));

    static Stream<Arguments> vectors() throws IOException {
        return Recorded.vectorLines("pb.jsonl").stream().map(MiniJson::object)
                .map(v -> Arguments.of(v.get("id"), v.get("hex")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesIntoMessagesAndReencodesByteExactly(String id, String hex) {
        byte[] wire = HexFormat.of().parseHex(hex);
        List<Object> messages = null;
        for (int fragment : Feed.fragmentSizes(wire.length)) {
            EmbeddedChannel channel = new EmbeddedChannel(
                    new BananaDecoder(CodecLimits.defaults(), VocabTable.TABLE_1, new TestRefs()));
            messages = Feed.inbound(channel, wire, fragment);
            assertTrue(channel.isOpen());
            assertEquals(0, Feed.outbound(channel).length, "nothing answered by the codec");
            if (id.startsWith("error:")) {
                assertEquals(1, messages.size());
                ErrorMessage error = assertInstanceOf(ErrorMessage.class, messages.get(0));
                assertEquals(5, error.reqId());
                assertFailure(BOOM, error.failure());
            } else {
                assertMessages(EXPECTED.get(id), messages);
            }
        }
        if (id.equals("call:abort-unserializable")) {
            return; // our encoder never writes ABORT: see MessageEncoderTest
        }
        MessageEncoder encoder = new MessageEncoder(VocabTable.TABLE_1, new TestRefs());
        StringBuilder again = new StringBuilder();
        for (Object m : messages) {
            ByteBuf buf = encode(encoder, (PbMessage) m);
            again.append(ByteBufUtil.hexDump(buf));
            buf.release();
        }
        assertEquals(hex, again.toString());
    }

    static ByteBuf encode(MessageEncoder encoder, PbMessage message) {
        ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        if (message instanceof CallMessage c) {
            return encoder.encodeCall(alloc, c.reqId(), c.targetClid(), c.methodName(), c.args(), c.kwargs());
        }
        if (message instanceof AnswerMessage a) {
            return encoder.encodeAnswer(alloc, a.reqId(), a.value());
        }
        ErrorMessage e = (ErrorMessage) message;
        return encoder.encodeError(alloc, e.reqId(), e.failure());
    }

    static void assertMessages(List<PbMessage> expected, List<Object> actual) {
        assertEquals(expected.size(), actual.size(), "messages: " + actual);
        for (int i = 0; i < expected.size(); i++) {
            PbMessage want = expected.get(i);
            Object got = actual.get(i);
            assertEquals(want.getClass(), got.getClass());
            if (want instanceof CallMessage w) {
                CallMessage g = (CallMessage) got;
                assertEquals(w.reqId(), g.reqId());
                assertEquals(w.targetClid(), g.targetClid());
                assertEquals(w.methodName(), g.methodName());
                PyEquality.assertPyEqual(w.args(), g.args());
                PyEquality.assertPyEqual(w.kwargs(), g.kwargs());
            } else if (want instanceof AnswerMessage w) {
                assertEquals(w.reqId(), ((AnswerMessage) got).reqId());
                PyEquality.assertPyEqual(w.value(), ((AnswerMessage) got).value());
            } else {
                assertEquals(want, got);
            }
        }
    }

    static void assertFailure(RemoteException want, RemoteException got) {
        assertEquals(want.type(), got.type());
        assertEquals(want.value(), got.value());
        assertEquals(want.remoteTraceback(), got.remoteTraceback());
        assertEquals(want.parents(), got.parents());
    }

    @Test
    void keepsDecodingAfterAnAbortedCall() {
        byte[] aborted = HexFormat.of().parseHex(
                "00880b870181018101826d01880c870181028804870181028a0289018a0189008a0089");
        // open-IDs 0..2 were used by the aborted call: a reference to 5 only resolves if they counted
        byte[] next = Wire.of().open(3).vocab(13).integer(9).open(4).vocab(4).open(5).vocab(4).close(5)
                .open(6).vocab(2).integer(5).close(6).close(4).close(3).bytes();
        byte[] both = new byte[aborted.length + next.length];
        System.arraycopy(aborted, 0, both, 0, aborted.length);
        System.arraycopy(next, 0, both, aborted.length, next.length);
        EmbeddedChannel channel = new EmbeddedChannel(
                new BananaDecoder(CodecLimits.defaults(), VocabTable.TABLE_1, new TestRefs()));
        List<Object> messages = Feed.inbound(channel, both, 5);
        assertEquals(1, messages.size());
        List<?> value = (List<?>) ((AnswerMessage) messages.get(0)).value();
        assertEquals(2, value.size());
        assertTrue(value.get(0) == value.get(1), "the reference resolved to the same list");
        assertEquals(0, Feed.outbound(channel).length, "no error answer for an aborted call");
    }
}
