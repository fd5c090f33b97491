package org.flapp.rpc.internal.slicer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.function.UnaryOperator;
import org.flapp.rpc.Constraint;
import org.flapp.rpc.RemoteException;
import org.flapp.rpc.Signature;
import org.flapp.rpc.internal.banana.BananaDecoder;
import org.flapp.rpc.internal.banana.CodecLimits;
import org.flapp.rpc.internal.banana.VocabTable;
import org.flapp.rpc.internal.banana.Wire;
import org.flapp.rpc.internal.message.AnswerMessage;
import org.flapp.rpc.internal.message.CallMessage;
import org.flapp.rpc.internal.message.CallRefused;
import org.flapp.rpc.internal.message.RejectedAnswer;
import org.flapp.rpc.internal.message.RejectedCall;
import org.junit.jupiter.api.Test;

/** Argument and answer constraints, checked token by token while decoding (EmbeddedChannel). */
class ConstraintDecodingTest {
    /** Hooks that declare {@code m} on clid 1 with a signature, and {@code answer} for reqID 7. */
    private static final class Declared extends TestRefs {
        private final Signature signature;
        private final Constraint answer;

        Declared(Signature signature, Constraint answer) {
            this.signature = signature;
            this.answer = answer;
        }

        @Override
        public Signature inboundSignature(long clid, String method) {
            if (clid != 1) {
                throw CallRefused.violation("unknown CLID " + clid);
            }
            if (!method.equals("m")) {
                throw CallRefused.noSuchMethod("Declared", method);
            }
            return signature;
        }

        @Override
        public Constraint expectedAnswer(long reqId) {
            return reqId == 7 ? answer : Constraint.any();
        }
    }

    private static final Signature NAME_AND_SOURCE = Signature.of(
            Signature.required("name", Constraint.choice(Constraint.bytes(10), Constraint.text(10))),
            Signature.required("source", Constraint.reference()),
            Signature.optional("sizes", Constraint.listOf(Constraint.integer(), 2)));

    /** A call reqID=id to (clid, method), arguments written by {@code args} (open-IDs base, base+1). */
    private static Wire call(Wire w, long base, long reqId, long clid, String method, UnaryOperator<Wire> args) {
        w.open(base).vocab(11).integer(reqId).integer(clid).str(method).open(base + 1).vocab(12);
        return args.apply(w).close(base + 1).close(base);
    }

    /** The bad call as reqID 1, then a good call reqID 2 at open-ID {@code next}: the bad one's outcome. */
    private static Object firstOf(TestRefs refs, UnaryOperator<Wire> badArgs, long clid, String method, long next) {
        byte[] bytes = call(call(Wire.of(), 0, 1, clid, method, badArgs), next, 2, 1, "m", a -> a.integer(2)
                .str("ok").open(next + 2).vocab(15).integer(3).close(next + 2)).bytes();
        for (int fragment : Feed.fragmentSizes(bytes.length)) {
            EmbeddedChannel ch = new EmbeddedChannel(new BananaDecoder(CodecLimits.defaults(), VocabTable.TABLE_1, refs));
            List<Object> out = Feed.inbound(ch, bytes, fragment);
            assertTrue(ch.isOpen(), "a violation keeps the connection");
            assertEquals(2, out.size(), out.toString());
            assertEquals(2, assertInstanceOf(CallMessage.class, out.get(1)).reqId());
        }
        EmbeddedChannel ch = new EmbeddedChannel(new BananaDecoder(CodecLimits.defaults(), VocabTable.TABLE_1, refs));
        return Feed.inbound(ch, bytes, bytes.length).get(0);
    }

    private static String violation(UnaryOperator<Wire> badArgs, long next) {
        RejectedCall r = assertInstanceOf(RejectedCall.class,
                firstOf(new Declared(NAME_AND_SOURCE, Constraint.any()), badArgs, 1, "m", next));
        assertEquals(1, r.reqId());
        return r.violation();
    }

    @Test
    void acceptsArgumentsThatMeetTheSignatureByPositionAndByName() {
        Declared refs = new Declared(NAME_AND_SOURCE, Constraint.any());
        CallMessage ok = assertInstanceOf(CallMessage.class, firstOf(refs, a -> a.integer(1).text(2, "ten bytes!")
                .str("source").open(3).vocab(15).integer(4).close(3)
                .str("sizes").open(4).vocab(4).integer(1).integer(2).close(4), 1, "m", 5));
        assertEquals("ten bytes!", ok.args().get(0));
        assertEquals(List.of(1L, 2L), ok.kwargs().get("sizes"));
    }

    @Test
    void refusesAByteStringOverItsLimitBeforeItsBodyIsRead() {
        assertEquals("Violation (<RootUnslicer>.<methodcall reqID=1 methodname=m>.<arguments arg[0]>): "
                + "('STRING token too large: 11>10 (nor by any other alternative of ChoiceOf["
                + "ByteStringConstraint(maxLength=10), UnicodeConstraint(maxBytes=10)])',)",
                violation(a -> a.integer(2).bytes(new byte[11]).open(2).vocab(15).integer(3).close(2), 3));
    }

    @Test
    void refusesTextOverItsLimitAndValuesOfTheWrongType() {
        assertTrue(violation(a -> a.integer(2).text(2, "eleven byte").open(3).vocab(15).integer(3).close(3), 4)
                .contains("STRING token too large: 11>10"));
        assertTrue(violation(a -> a.integer(2).str("x").integer(5), 2)
                .contains("INT token rejected by RemoteInterfaceConstraint"));
        assertTrue(violation(a -> a.integer(2).str("x").open(2).vocab(4).close(2), 3)
                .contains("unacceptable OPEN type ('list',) for RemoteInterfaceConstraint"));
    }

    @Test
    void refusesAFullListExtraOrUnknownOrRepeatedArgumentsAndMissingOnes() {
        UnaryOperator<Wire> ref = a -> a.open(2).vocab(15).integer(3).close(2);
        assertTrue(violation(a -> ref.apply(a.integer(2).str("x")).str("sizes").open(3).vocab(4)
                .integer(1).integer(2).integer(3).close(3), 4).contains("the list is full: more than 2 items"));
        assertTrue(violation(a -> ref.apply(a.integer(4).str("x")), 3).contains("too many positional arguments: 4>3"));
        assertTrue(violation(a -> ref.apply(a.integer(2).str("x")).str("bogus").integer(1), 3)
                .contains("unknown argument 'bogus'"));
        assertTrue(violation(a -> ref.apply(a.integer(2).str("x")).str("name").str("y"), 3)
                .contains("got multiple values for argument 'name'"));
        assertTrue(violation(a -> a.integer(1).str("x"), 2).contains("missing required argument 'source'"));
    }

    @Test
    void refusesABackReferenceWhereTheConstraintIsNotAny() {
        Signature listAndCopy = Signature.of(Signature.required("a", Constraint.any()),
                Signature.required("b", Constraint.choice(Constraint.listOf(Constraint.integer(), 5),
                        Constraint.reference())));
        Object out = firstOf(new Declared(listAndCopy, Constraint.any()),
                a -> a.integer(2).open(2).vocab(4).close(2).open(3).vocab(2).integer(2).close(3), 1, "m", 4);
        assertTrue(assertInstanceOf(RejectedCall.class, out).violation()
                .contains("unacceptable OPEN type ('reference',) for ListConstraint"));
    }

    @Test
    void refusesAnUnknownMethodBeforeDecodingItsArguments() {
        Declared refs = new Declared(NAME_AND_SOURCE, Constraint.any());
        // an unknown open-type and a reference among the arguments: neither is ever looked at
        Object out = firstOf(refs, a -> a.integer(2).open(2, "bogus").close(2).open(3).vocab(15).integer(9).close(3),
                1, "other", 4);
        RejectedCall r = assertInstanceOf(RejectedCall.class, out);
        RemoteException e = assertInstanceOf(RemoteException.class, r.failure());
        assertEquals("builtins.AttributeError", e.type());
        assertTrue(refs.seen.stream().noneMatch(ref -> ref.id() == 9), "no argument was built: " + refs.seen);
        Object unknownClid = firstOf(refs, a -> a.integer(1).open(2, "bogus").close(2), 5, "m", 3);
        assertEquals("Violation (<RootUnslicer>.<methodcall reqID=1 methodname=m>): ('unknown CLID 5',)",
                assertInstanceOf(RejectedCall.class, unknownClid).violation());
    }

    @Test
    void checksAnAnswerAgainstWhatTheCallerExpects() {
        Declared refs = new Declared(Signature.any(), Constraint.bytes(5));
        byte[] bytes = Wire.of().open(0).vocab(13).integer(7).bytes(new byte[6]).close(0)
                .open(1).vocab(13).integer(7).bytes(new byte[5]).close(1)
                .open(2).vocab(13).integer(8).bytes(new byte[6]).close(2).bytes();
        EmbeddedChannel ch = new EmbeddedChannel(new BananaDecoder(CodecLimits.defaults(), VocabTable.TABLE_1, refs));
        List<Object> out = Feed.inbound(ch, bytes, 1);
        assertEquals(3, out.size());
        assertEquals("Violation (<RootUnslicer>.<answer reqID=7>): ('STRING token too large: 6>5',)",
                assertInstanceOf(RejectedAnswer.class, out.get(0)).violation());
        assertArrayEquals(new byte[5], (byte[]) ((AnswerMessage) out.get(1)).value());
        assertArrayEquals(new byte[6], (byte[]) ((AnswerMessage) out.get(2)).value(), "no constraint for reqID 8");
    }
}
