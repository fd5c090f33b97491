package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.internal.banana.BananaDecoder;
import org.flapp.rpc.internal.banana.CodecLimits;
import org.flapp.rpc.internal.message.AnswerMessage;
import org.flapp.rpc.internal.message.CallMessage;
import org.flapp.rpc.internal.message.RejectedAnswer;
import org.flapp.rpc.internal.message.RejectedCall;
import org.flapp.rpc.internal.reference.InboundReferences;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.flapp.rpc.ViolationException;
import org.flapp.rpc.internal.banana.BananaProtocolException;
import org.flapp.rpc.internal.banana.Token;
import org.flapp.rpc.internal.banana.TokenReader;
import org.flapp.rpc.internal.banana.Tokens;
import org.flapp.rpc.internal.banana.VocabTable;
import org.flapp.rpc.internal.banana.Wire;
import org.junit.jupiter.api.Test;

/** Hostile and boundary inputs for the PB decoder, fed at every fragment size where cheap. */
class BananaDecoderTest {
    private static final CodecLimits SMALL = new CodecLimits(100, 1000, 8);

    private final TestRefs refs = new TestRefs();

    private EmbeddedChannel channel(CodecLimits limits, InboundReferences hooks) {
        return new EmbeddedChannel(new BananaDecoder(limits, VocabTable.TABLE_1, hooks));
    }

    private EmbeddedChannel channel(CodecLimits limits) {
        return channel(limits, refs);
    }

    /** A call reqID=id to clid 1, method "m", whose arguments are written by {@code args} (open-IDs base, base+1). */
    private static Wire call(Wire w, long base, long reqId, UnaryOperator<Wire> args) {
        w.open(base).vocab(11).integer(reqId).integer(1).str("m").open(base + 1).vocab(12);
        return args.apply(w).close(base + 1).close(base);
    }

    private static List<Token> tokens(byte[] bytes) {
        List<Token> out = new ArrayList<>();
        TokenReader reader = new TokenReader();
        var buf = Unpooled.wrappedBuffer(bytes);
        Token t;
        while ((t = reader.read(buf, (a, b, c, d) -> true)) != null) {
            out.add(t);
        }
        return out;
    }

    private static String errorSent(EmbeddedChannel ch) {
        List<Token> sent = tokens(Feed.outbound(ch));
        assertEquals(1, sent.size(), "one ERROR token");
        assertEquals(Tokens.ERROR, sent.get(0).type());
        return new String(sent.get(0).body(), StandardCharsets.UTF_8);
    }

    private String fatal(byte[] bytes) {
        EmbeddedChannel ch = channel(CodecLimits.defaults());
        Feed.inbound(ch, bytes, bytes.length);
        String error = errorSent(ch);
        assertFalse(ch.isOpen(), "closed after a fatal error");
        return error;
    }

    private RejectedCall rejected(CodecLimits limits, byte[] bytes) {
        for (int fragment : Feed.fragmentSizes(bytes.length)) {
            EmbeddedChannel ch = channel(limits);
            List<Object> out = Feed.inbound(ch, bytes, fragment);
            assertTrue(ch.isOpen(), "a violation keeps the connection");
            assertEquals(2, out.size(), "rejected call, then the next message: " + out);
            assertInstanceOf(CallMessage.class, out.get(1));
            assertEquals(2, ((CallMessage) out.get(1)).reqId());
        }
        EmbeddedChannel ch = channel(limits);
        return assertInstanceOf(RejectedCall.class, Feed.inbound(ch, bytes, bytes.length).get(0));
    }

    /** {@code bad} as call reqID 1 (open-IDs 0,1 + opens inside), then a good call reqID 2 at open-ID next. */
    private static byte[] badCallThenGoodCall(UnaryOperator<Wire> badArgs, long nextOpenId) {
        Wire w = call(Wire.of(), 0, 1, badArgs);
        return call(w, nextOpenId, 2, a -> a.integer(0)).bytes();
    }

    @Test
    void answersPingWithPongOfTheSameNumberEvenInsideASequence() {
        byte[] bytes = Wire.of().ping(0).open(0).vocab(13).ping(5).integer(1).ping(300).open(1).vocab(0)
                .pong(7).close(1).close(0).bytes();
        for (int fragment = 1; fragment <= bytes.length; fragment++) {
            EmbeddedChannel ch = channel(CodecLimits.defaults());
            List<Object> out = Feed.inbound(ch, bytes, fragment);
            assertEquals(List.of(new AnswerMessage(1, null)), out);
            assertArrayEquals(Wire.hex("8f 058f 2c028f"), Feed.outbound(ch));
        }
    }

    @Test
    void failsOnANonOpenTokenAtTopLevelWithFoolscapsWords() {
        assertEquals("BananaError(in <RootUnslicer>): ('top-level must be OPEN',)",
                fatal(Wire.of().integer(1).bytes()));
    }

    @Test
    void failsOnAHugeTopLevelStringBeforeItsBodyArrives() {
        EmbeddedChannel ch = channel(CodecLimits.defaults());
        Feed.inbound(ch, Wire.of().header(1L << 40, Tokens.STRING).bytes(), 100);
        assertTrue(errorSent(ch).contains("top-level must be OPEN"));
        assertFalse(ch.isOpen());
    }

    @Test
    void failsOnCloseMismatchAndIgnoresWhatFollows() {
        EmbeddedChannel ch = channel(CodecLimits.defaults());
        byte[] bad = Wire.of().open(0).vocab(13).integer(1).integer(2).close(5).bytes();
        byte[] good = Wire.of().open(1).vocab(13).integer(1).integer(2).close(1).bytes();
        Feed.inbound(ch, bad, bad.length);
        String error = errorSent(ch);
        assertEquals("BananaError(in <RootUnslicer>.<answer reqID=1>): ('lost sync, got CLOSE(5) but expecting 0',)",
                error);
        assertEquals(List.of(), Feed.inbound(ch, good, good.length));
    }

    @Test
    void failsOnCloseAtTopLevel() {
        assertTrue(fatal(Wire.of().close(0).bytes()).contains("lost sync, got CLOSE(0) but expecting None"));
    }

    @Test
    void failsOnGarbageBytes() {
        assertTrue(fatal(Wire.hex("ff")).contains("Invalid Type Byte 0xff"));
        assertTrue(fatal(new byte[70]).contains("64 bytes"));
        assertTrue(fatal(Wire.hex("80")).contains("oldbanana"));
    }

    @Test
    void closesWithoutAnswerWhenThePeerSendsError() {
        EmbeddedChannel ch = channel(CodecLimits.defaults());
        Feed.inbound(ch, Wire.of().error("go away").integer(1).bytes(), 3);
        assertFalse(ch.isOpen());
        assertEquals(0, Feed.outbound(ch).length);
    }

    @Test
    void failsOnAnOversizedErrorToken() {
        assertTrue(fatal(Wire.of().header(1001, Tokens.ERROR).bytes()).contains("oversized ERROR token"));
    }

    @Test
    void failsOnUnknownVocabIndexBadUtf8DuplicateKeyAndDanglingReference() {
        assertTrue(fatal(Wire.of().open(0).vocab(99).bytes()).contains("unknown VOCAB index 99"));
        byte[] badUtf8 = Wire.of().open(0).vocab(13).integer(1).open(1).vocab(8).bytes(new byte[] {(byte) 0xc3})
                .close(1).close(0).bytes();
        assertTrue(fatal(badUtf8).contains("invalid UTF-8"));
        byte[] dup = Wire.of().open(0).vocab(13).integer(1).open(1).vocab(3).str("k").integer(1).str("k")
                .integer(2).close(1).close(0).bytes();
        assertTrue(fatal(dup).contains("duplicate key 'b'k''") || fatal(dup).contains("duplicate key"));
        byte[] unhashable = Wire.of().open(0).vocab(13).integer(1).open(1).vocab(3).open(2).vocab(4).close(2)
                .integer(2).close(1).close(0).bytes();
        assertTrue(fatal(unhashable).contains("unhashable key 'list'"));
        byte[] dangling = Wire.of().open(0).vocab(13).integer(1).open(1).vocab(2).integer(7).close(1).close(0).bytes();
        assertTrue(fatal(dangling).contains("dangling reference '7'"));
    }

    @Test
    void failsOnMalformedCallHeaderFields() {
        assertTrue(fatal(Wire.of().open(0).vocab(11).str("x").bytes()).contains("request ID must be an INT"));
        assertTrue(fatal(Wire.of().open(0).vocab(11).integer(1).integer(1).integer(3).bytes())
                .contains("method name must be a STRING"));
        assertTrue(fatal(Wire.of().open(0).vocab(11).integer(1).integer(1).str("m").close(0).bytes())
                .contains("'call' sequence ended too early"));
    }

    @Test
    void rejectsAnUnknownOpenTypeInsideACallAndKeepsDecoding() {
        byte[] bytes = badCallThenGoodCall(a -> a.integer(1).open(2, "bogus").integer(1).close(2), 3);
        RejectedCall r = rejected(CodecLimits.defaults(), bytes);
        assertEquals(1, r.reqId());
        assertEquals("Violation (<RootUnslicer>.<methodcall reqID=1 methodname=m>.<arguments arg[0]>): "
                + "(\"unknown OPEN type ('bogus',)\",)", r.violation());
    }

    @Test
    void rejectsAnUnknownCopyable() {
        byte[] bytes = badCallThenGoodCall(a -> a.integer(1).open(2).vocab(18).str("foo.Bar").str("x").close(2), 3);
        assertTrue(rejected(CodecLimits.defaults(), bytes).violation().contains("unknown RemoteCopy name 'foo.Bar'"));
    }

    @Test
    void limitsTheFirstIndexTokenToFifteenBytes() {
        byte[] fifteen = badCallThenGoodCall(a -> a.integer(1).open(2, "x".repeat(15)).close(2), 3);
        assertTrue(rejected(CodecLimits.defaults(), fifteen).violation().contains("unknown OPEN type"));
        byte[] sixteen = badCallThenGoodCall(a -> a.integer(1).open(2, "x".repeat(16)).close(2), 3);
        assertTrue(rejected(CodecLimits.defaults(), sixteen).violation()
                .contains("first opentype STRING token is too long, 16>15"));
    }

    @Test
    void dropsUnknownTopLevelSequencesSilently() {
        byte[] bytes = call(Wire.of().open(0, "list").integer(1).close(0), 1, 2, a -> a.integer(0)).bytes();
        for (int fragment : Feed.fragmentSizes(bytes.length)) {
            List<Object> out = Feed.inbound(channel(CodecLimits.defaults()), bytes, fragment);
            assertEquals(1, out.size());
            assertEquals(2, ((CallMessage) out.get(0)).reqId());
        }
    }

    @Test
    void acceptsStringsUpToMaxStringLengthAndRejectsLonger() {
        byte[] ok = call(Wire.of(), 0, 1, a -> a.integer(1).bytes(new byte[100])).bytes();
        CallMessage c = (CallMessage) Feed.inbound(channel(SMALL), ok, 7).get(0);
        assertEquals(100, ((byte[]) c.args().get(0)).length);
        RejectedCall r = rejected(SMALL, badCallThenGoodCall(a -> a.integer(1).bytes(new byte[101]), 2));
        assertTrue(r.violation().contains("STRING token of 101 bytes is over maxStringLength 100"), r.violation());
    }

    @Test
    void rejectsAHugeDeclaredLengthWithoutWaitingForTheBody() {
        EmbeddedChannel ch = channel(SMALL);
        byte[] head = call(Wire.of(), 0, 1, a -> a.integer(1).header(1L << 40, Tokens.STRING)).bytes();
        // only the bytes up to the STRING header: the declared body never comes
        int cut = head.length - 2; // drop CLOSE(1) CLOSE(0)
        List<Object> out = Feed.inbound(ch, java.util.Arrays.copyOf(head, cut), 3);
        assertEquals(1, out.size());
        assertInstanceOf(RejectedCall.class, out.get(0));
        assertTrue(ch.isOpen());
        // a length that does not even fit in a long is refused the same way
        var header = Unpooled.buffer();
        org.flapp.rpc.internal.banana.Base128.write(header, BigInteger.ONE.shiftLeft(100));
        byte[] huge = new byte[header.readableBytes()];
        header.readBytes(huge);
        EmbeddedChannel ch2 = channel(SMALL);
        byte[] start = Wire.of().open(0).vocab(11).integer(1).integer(1).str("m").open(1).vocab(12).integer(1)
                .raw(huge).raw(Tokens.STRING).raw(new byte[5000]).bytes();
        List<Object> out2 = Feed.inbound(ch2, start, 1000);
        assertInstanceOf(RejectedCall.class, out2.get(0));
        assertTrue(ch2.isOpen());
    }

    @Test
    void limitsTheMessageSize() {
        // a call whose only argument is a STRING: 14 bytes of call framing + header + body + 2 closes
        UnaryOperator<Wire> fits = a -> a.integer(1).bytes(new byte[100]);
        byte[] exact = call(Wire.of(), 0, 1, fits).bytes();
        CodecLimits atLimit = new CodecLimits(1000, exact.length, 8);
        assertInstanceOf(CallMessage.class, Feed.inbound(channel(atLimit), exact, 1).get(0));
        CodecLimits belowLimit = new CodecLimits(1000, exact.length - 1, 8);
        RejectedCall r = rejected(belowLimit, badCallThenGoodCall(fits, 2));
        assertTrue(r.violation().contains("maxMessageSize " + (exact.length - 1)), r.violation());
    }

    @Test
    void limitsTheNestingDepth() {
        // call (1) + arguments (2) + n lists: depth 2 + n
        UnaryOperator<Wire> six = a -> {
            a.integer(1);
            for (int i = 0; i < 6; i++) {
                a.open(2 + i).vocab(4);
            }
            for (int i = 5; i >= 0; i--) {
                a.close(2 + i);
            }
            return a;
        };
        assertInstanceOf(CallMessage.class, Feed.inbound(channel(SMALL), call(Wire.of(), 0, 1, six).bytes(), 4).get(0));
        UnaryOperator<Wire> seven = a -> {
            a.integer(1);
            for (int i = 0; i < 7; i++) {
                a.open(2 + i).vocab(4);
            }
            for (int i = 6; i >= 0; i--) {
                a.close(2 + i);
            }
            return a;
        };
        assertTrue(rejected(SMALL, badCallThenGoodCall(seven, 9)).violation().contains("maxDepth 8"));
    }

    @Test
    void failsTheCallOfAnAbortedAnswerAndKeepsCountingOpens() {
        byte[] bytes = Wire.of().open(0).vocab(13).integer(1).open(1).vocab(4).integer(1).abort(1).close(1)
                .abort(0).close(0)
                .open(2).vocab(13).integer(2).open(3).vocab(4).open(4).vocab(2).integer(3).close(4).close(3).close(2)
                .bytes();
        for (int fragment : Feed.fragmentSizes(bytes.length)) {
            EmbeddedChannel ch = channel(CodecLimits.defaults());
            List<Object> out = Feed.inbound(ch, bytes, fragment);
            assertEquals(2, out.size());
            assertEquals(1, assertInstanceOf(RejectedAnswer.class, out.get(0)).reqId());
            List<?> cyclic = (List<?>) ((AnswerMessage) out.get(1)).value();
            assertTrue(cyclic.get(0) == cyclic);
        }
    }

    @Test
    void turnsHookViolationsIntoRejectedCallsAndHookProtocolErrorsIntoFatalOnes() {
        InboundReferences refusing = new TestRefs() {
            @Override
            public Object yourReference(long clid) {
                if (clid == 99) {
                    throw new ViolationException("unknown CLID 99");
                }
                throw new BananaProtocolException("inbound reference claims bad tubid");
            }
        };
        byte[] bytes = badCallThenGoodCall(a -> a.integer(1).open(2).vocab(16).integer(99).close(2), 3);
        List<Object> out = Feed.inbound(channel(CodecLimits.defaults(), refusing), bytes, 1);
        assertTrue(((RejectedCall) out.get(0)).violation().contains("unknown CLID 99"));
        EmbeddedChannel ch = channel(CodecLimits.defaults(), refusing);
        byte[] fatalRef = call(Wire.of(), 0, 1, a -> a.integer(1).open(2).vocab(16).integer(5).close(2)).bytes();
        Feed.inbound(ch, fatalRef, fatalRef.length);
        assertTrue(errorSent(ch).contains("inbound reference claims bad tubid"));
    }

    @Test
    void passesReferenceDetailsToTheHooks() {
        byte[] bytes = call(Wire.of(), 0, 1, a -> a.integer(3)
                .open(2).vocab(15).integer(4).str("RIFoo").str("pb://x@y/z").close(2)
                .open(3).vocab(15).integer(-2).close(3)
                .open(4).vocab(17).integer(8).str("pb://t@h/s").close(4)).bytes();
        CallMessage c = (CallMessage) Feed.inbound(channel(CodecLimits.defaults()), bytes, 2).get(0);
        assertEquals(List.of(new TestRefs.Ref("my", 4, "RIFoo", "pb://x@y/z"), new TestRefs.Ref("my", -2, null, null),
                new TestRefs.Ref("their", 8, null, "pb://t@h/s")), c.args());
    }

    @Test
    void rejectsAnErrorWhoseFailureBreaksTheConstraintButFailsOnAMissingKey() {
        UnaryOperator<Wire> failure = w -> w.open(1).vocab(18).str("twisted.python.failure.Failure")
                .str("value").bytes(new byte[1001]).str("type").str("t").str("traceback").str("tb")
                .str("parents").open(2).vocab(4).close(2).close(1);
        byte[] tooLong = failure.apply(Wire.of().open(0).vocab(14).integer(3)).close(0)
                .open(3).vocab(13).integer(4).integer(0).close(3).bytes();
        List<Object> out = Feed.inbound(channel(CodecLimits.defaults()), tooLong, 11);
        assertEquals(2, out.size());
        RejectedAnswer rejected = assertInstanceOf(RejectedAnswer.class, out.get(0));
        assertEquals(3, rejected.reqId());
        assertTrue(rejected.violation().contains("<error reqID=3>"), rejected.violation());
        assertEquals(new AnswerMessage(4, 0L), out.get(1));
        byte[] missing = Wire.of().open(0).vocab(14).integer(3).open(1).vocab(18).str("twisted.python.failure.Failure")
                .str("value").str("v").close(1).close(0).bytes();
        assertTrue(fatal(missing).contains("missing"));
    }

    @Test
    void rejectsAnOversizedAnswerNamingTheLimitAndTheValueAndKeepsDecoding() {
        byte[] bytes = Wire.of().open(0).vocab(13).integer(7).bytes(new byte[101]).close(0)
                .open(1).vocab(13).integer(8).integer(5).close(1).bytes();
        for (int fragment : Feed.fragmentSizes(bytes.length)) {
            EmbeddedChannel ch = channel(SMALL);
            List<Object> out = Feed.inbound(ch, bytes, fragment);
            assertTrue(ch.isOpen());
            assertEquals(2, out.size(), out.toString());
            RejectedAnswer rejected = assertInstanceOf(RejectedAnswer.class, out.get(0));
            assertEquals(7, rejected.reqId());
            assertEquals("Violation (<RootUnslicer>.<answer reqID=7>): "
                    + "('STRING token of 101 bytes is over maxStringLength 100',)", rejected.violation());
            assertEquals(new AnswerMessage(8, 5L), out.get(1));
        }
    }

    @Test
    void decodesLongIntsWithLeadingZerosAndHugeInts() {
        byte[] bytes = Wire.of().open(0).vocab(13).integer(1).open(1).vocab(4)
                .header(3, Tokens.LONGINT).raw(0, 0, 5)
                .longInt(BigInteger.ONE.shiftLeft(70).negate())
                .header(0, Tokens.LONGNEG)
                .close(1).close(0).bytes();
        AnswerMessage a = (AnswerMessage) Feed.inbound(channel(CodecLimits.defaults()), bytes, 1).get(0);
        assertEquals(List.of(5L, BigInteger.ONE.shiftLeft(70).negate(), 0L), a.value());
    }
}
