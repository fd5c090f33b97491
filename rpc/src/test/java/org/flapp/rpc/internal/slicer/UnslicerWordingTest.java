package org.flapp.rpc.internal.slicer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import org.flapp.rpc.internal.banana.BananaDecoder;
import org.flapp.rpc.internal.banana.CodecLimits;
import org.flapp.rpc.internal.banana.Token;
import org.flapp.rpc.internal.banana.TokenReader;
import org.flapp.rpc.internal.banana.Tokens;
import org.flapp.rpc.internal.banana.VocabTable;
import org.flapp.rpc.internal.banana.Wire;
import org.junit.jupiter.api.Test;

/**
 * The fatal errors of the one-token sequences and of answer/error, word for word: the peer gets
 * them in the ERROR token, so the shared unslicer bases must keep each type's own wording.
 */
class UnslicerWordingTest {
    /** The text of the ERROR token the decoder sends for an answer to reqID 1 whose value {@code value} writes. */
    private static String errorFor(UnaryOperator<Wire> value) {
        return errorSentFor(value.apply(Wire.of().open(0, "answer").integer(1)).bytes());
    }

    private static String errorSentFor(byte[] bytes) {
        EmbeddedChannel ch = new EmbeddedChannel(new BananaDecoder(CodecLimits.defaults(), VocabTable.TABLE_1,
                new TestRefs()));
        Feed.inbound(ch, bytes, bytes.length);
        assertFalse(ch.isOpen(), "a protocol error closes the connection");
        byte[] sent = Feed.outbound(ch);
        Token error = new TokenReader().read(Unpooled.wrappedBuffer(sent), (a, b, c, d) -> true);
        assertEquals(Tokens.ERROR, error.type());
        return new String(error.body(), StandardCharsets.UTF_8);
    }

    /** Foolscap's form: where the error was met, then the reason. */
    private static String banana(String where, String why) {
        return "BananaError(in <RootUnslicer>.<answer reqID=1>" + where + "): ('" + why + "',)";
    }

    /**
     * Each one-token type: its name, then for a wrong token, a second token and none: where, why
     * (at CLOSE the sequence is already off the stack, so the location ends at its parent).
     */
    private static final List<List<String>> ONE_TOKEN = List.of(
            List.of("boolean", ".<bool>", "BooleanUnslicer only accepts an INT token",
                    ".<bool>", "BooleanUnslicer only accepts one token",
                    "", "boolean sequence without a value"),
            List.of("reference", ".<ref-null>", "ReferenceUnslicer only accepts INTs",
                    ".<ref-0>", "ReferenceUnslicer only accepts one INT",
                    "", "reference sequence without a number"),
            List.of("unicode", ".<unicode>", "UnicodeUnslicer only accepts strings",
                    ".<unicode>", "already received a string",
                    "", "unicode sequence without a string"),
            List.of("decimal", ".<decimal>", "DecimalUnslicer only accepts strings",
                    ".<decimal>", "already received a string",
                    "", "decimal sequence without a string"));

    @Test
    void oneTokenSequencesKeepTheirOwnWording() {
        for (List<String> c : ONE_TOKEN) {
            String type = c.get(0);
            boolean takesInt = type.equals("boolean") || type.equals("reference");
            UnaryOperator<Wire> good = w -> takesInt ? w.integer(0) : w.str("1");
            UnaryOperator<Wire> wrong = w -> takesInt ? w.str("1") : w.integer(0);
            assertEquals(banana(c.get(1), c.get(2)), errorFor(w -> wrong.apply(w.open(1, type))));
            assertEquals(banana(c.get(3), c.get(4)), errorFor(w -> good.apply(good.apply(w.open(1, type)))));
            assertEquals(banana(c.get(5), c.get(6)), errorFor(w -> w.open(1, type).close(1)));
        }
    }

    @Test
    void repliesKeepTheirWording() {
        assertEquals(banana("", "stop sending me stuff!"), errorFor(w -> w.integer(5).integer(6)));
        assertEquals("BananaError(in <RootUnslicer>): (\"'answer' sequence ended too early\",)",
                errorFor(w -> w.close(0)));
        assertEquals("BananaError(in <RootUnslicer>): (\"'error' sequence ended too early\",)",
                errorSentFor(Wire.of().open(0, "error").integer(1).close(0).bytes()));
    }
}
