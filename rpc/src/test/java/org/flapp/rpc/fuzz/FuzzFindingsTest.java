package org.flapp.rpc.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import org.flapp.rpc.internal.banana.BananaDecoder;
import org.flapp.rpc.internal.banana.CodecLimits;
import org.flapp.rpc.internal.banana.Token;
import org.flapp.rpc.internal.banana.Tokens;
import org.flapp.rpc.internal.banana.VocabTable;
import org.flapp.rpc.internal.call.Broker;
import org.flapp.rpc.internal.negotiation.NegotiatedConnection;
import org.junit.jupiter.api.Test;

/** The fuzzers' findings (docs/fuzzing.md), each with the input that showed it, as bytes. */
class FuzzFindingsTest {
    private static final HexFormat HEX = HexFormat.of();

    /**
     * Finding 1 (PbFuzzTest): a call whose request ID is an INT token beyond the INT range
     * (header 00 00 00 00 00 00 00 4a 01, that is 74 * 2^49 + 2^56). We answer it, as Foolscap does,
     * with that ID, which our encoder must then send as a LONGINT; the connection stays open.
     */
    @Test
    void callWithRequestIdBeyondIntIsAnsweredWithThatIdAsLongInt() {
        byte[] input = HEX.parseHex("4f" + "0088" + "0b87" + "000000000000004a01" + "81"
                + "0181" + "0482" + "70696e67" + "0188" + "0c87" + "0081" + "0189" + "0089");
        PbFuzzTest.converse(input, input[0] & 0xff); // the target's own checks pass

        EmbeddedChannel channel = brokerChannel();
        Streams.feed(channel, input, 1, Integer.MAX_VALUE);
        List<Token> sent = Streams.tokens(Streams.outbound(channel));
        assertTrue(channel.isOpen(), "the connection stays open");
        assertEquals(Tokens.OPEN, sent.get(0).type());
        assertEquals(Tokens.VOCAB, sent.get(1).type()); // 'error': clid 1 was never handed out
        Token reqId = sent.get(2);
        assertEquals(Tokens.LONGINT, reqId.type(), "the request ID goes back as a LONGINT: " + sent);
        BigInteger expected = BigInteger.valueOf(74).shiftLeft(49).add(BigInteger.ONE.shiftLeft(56));
        assertEquals(expected, new BigInteger(1, reqId.body()));
        channel.finishAndReleaseAll();
    }

    /**
     * Finding 2 (PbFuzzTest, second round): an answer holding a my-reference whose URL is not a
     * FURL. The reference hook let BadFurlException out, so the decoder failed the connection with
     * its generic error. Now it is a Violation: the message is dropped, the connection goes on.
     */
    /**
     * Finding 3 (the CI run of the merged work budget): None as a dict key, or as a set member, is
     * Java's null, and charging its insertion to the work budget asked null for its hash; the
     * decoder turned the NullPointerException into a generic ERROR and closed the connection.
     */
    @Test
    void noneAsADictKeyIsDecodedNotAnInternalError() {
        byte[] input = HEX.parseHex("cf0088038700888700" + "89");
        new BananaFuzzTest().bananaTarget(input); // the target's own checks: nothing caught and logged
    }

    @Test
    void myReferenceWithAUrlThatIsNoFurlIsAViolationNotAConnectionFailure() {
        byte[] input = HEX.parseHex("4f880d87048101880f87018100820d8701898100");
        try (FindingTrap trap = new FindingTrap()) {
            EmbeddedChannel channel = brokerChannel();
            Streams.feed(channel, input, 1, Integer.MAX_VALUE);
            trap.check();
            assertTrue(channel.isOpen(), "the connection stays open");
            Streams.checkClosedOrServing(channel, input, 1, Streams.tokens(Streams.outbound(channel)));
            channel.finishAndReleaseAll();
        }
        PbFuzzTest.converse(input, input[0] & 0xff);
    }

    private static EmbeddedChannel brokerChannel() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Broker broker = new Broker(new FuzzServices(NegotiationFuzzTest.SERVER.tubId()), channel,
                new NegotiatedConnection(NegotiationFuzzTest.HIGH.tubId(), false, false, 1, "fedcba9876543210", null));
        channel.pipeline().addLast(new BananaDecoder(CodecLimits.from(FuzzServices.OPTIONS),
                VocabTable.TABLE_1, broker.references())).addLast(broker);
        return channel;
    }
}
