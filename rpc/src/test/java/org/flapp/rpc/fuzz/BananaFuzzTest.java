package org.flapp.rpc.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.flapp.rpc.internal.banana.BananaDecoder;
import org.flapp.rpc.internal.banana.BananaProtocolException;
import org.flapp.rpc.internal.banana.CodecLimits;
import org.flapp.rpc.internal.banana.Token;
import org.flapp.rpc.internal.banana.TokenReader;
import org.flapp.rpc.internal.banana.Tokens;
import org.flapp.rpc.internal.banana.VocabTable;
import org.flapp.rpc.internal.reference.InboundReferences;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the Banana {@link TokenReader} with a gate that refuses some tokens, then the whole
 * {@link BananaDecoder} (tokens, unslicer stack, slicers) in an EmbeddedChannel, on the same bytes.
 *
 * <p>Control byte: bits 0-3 the fragment size ({@link Streams#fragmentSize}); bits 4-5 the gate's
 * policy (admit all, refuse strings over 16 bytes, refuse all, refuse every other token); bit 6
 * the initial vocabulary table (set: table 1); bit 7 the decoder's root (set: standalone values,
 * as the vectors are; clear: PB messages, as on a connection).
 *
 * <p>Expected: {@link BananaProtocolException} from the reader; from the decoder, messages, a
 * PONG per PING, or an ERROR token and a closed channel. Anything else is a finding, and so is an
 * open channel that no longer answers a PING sent between tokens.
 */
class BananaFuzzTest {
    /** Small limits, so that the fuzzer reaches them with short inputs. */
    static final CodecLimits LIMITS = new CodecLimits(200, 4000, 12);

    static Stream<Arguments> bananaTarget() {
        List<Arguments> seeds = new ArrayList<>();
        for (Seeds.Vector v : Seeds.vectors()) {
            int control = 0x0f | (v.vocabTable() == 1 ? 0x40 : 0) | (v.message() ? 0 : 0x80);
            seeds.add(Arguments.of((Object) Seeds.withControl(control, v.bytes())));
        }
        for (Seeds.Connection c : Seeds.connections()) {
            for (boolean fromClient : new boolean[] {true, false}) {
                byte[] banana = c.banana(fromClient);
                if (banana.length > 0) {
                    seeds.add(Arguments.of((Object) Seeds.withControl(0x4f, banana)));
                }
            }
        }
        return seeds.stream();
    }

    @MethodSource
    @FuzzTest(maxDuration = "20s")
    void bananaTarget(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int control = input[0] & 0xff;
        readTokens(input, control);
        try (FindingTrap trap = new FindingTrap()) {
            decode(input, control);
            trap.check();
        }
    }

    /** The token reader alone: only BananaProtocolException may come out, and tokens must be sane. */
    private static void readTokens(byte[] input, int control) {
        int policy = (control >> 4) & 3;
        int[] count = {0};
        TokenReader.Gate gate = (type, header, bodyLength, wireLength) -> switch (policy) {
            case 0 -> Streams.admitAll(type, header, bodyLength, wireLength);
            case 1 -> type != Tokens.STRING || bodyLength <= 16;
            case 2 -> false;
            default -> count[0]++ % 2 == 0 && Streams.admitAll(type, header, bodyLength, wireLength);
        };
        TokenReader reader = new TokenReader();
        ByteBuf cumulation = Unpooled.buffer();
        int fragment = Streams.fragmentSize(control);
        try {
            for (int i = 1; i < input.length; i += Math.min(fragment, input.length - i)) {
                cumulation.writeBytes(input, i, Math.min(fragment, input.length - i));
                for (Token t = reader.read(cumulation, gate); t != null; t = reader.read(cumulation, gate)) {
                    checkToken(t);
                }
                cumulation.discardReadBytes();
            }
        } catch (BananaProtocolException expected) {
            // a fatal stream error: the connection would be closed here
        } finally {
            cumulation.release();
        }
    }

    private static void checkToken(Token t) {
        boolean knownType = t.type() >= Tokens.INT && t.type() <= Tokens.PONG && t.type() != 0x8b && t.type() != 0x8c;
        assertTrue(knownType, "token of an invalid type delivered: " + t);
        if (t.body() != null && Tokens.hasLengthHeader(t.type())) {
            assertEquals(t.header(), t.body().length, "body length differs from the header: " + t);
        }
        if (t.skipped()) {
            assertEquals(null, t.body(), "a skipped token kept its body: " + t);
        }
    }

    /** The whole decoder in a channel: ERROR and close, or still answering PINGs. */
    private static void decode(byte[] input, int control) {
        VocabTable table = (control & 0x40) != 0 ? VocabTable.TABLE_1 : VocabTable.TABLE_0;
        BananaDecoder decoder = (control & 0x80) != 0
                ? BananaDecoder.forValues(LIMITS, table, new MarkerRefs())
                : new BananaDecoder(LIMITS, table, new MarkerRefs());
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        try {
            Streams.feed(channel, input, 1, Streams.fragmentSize(control));
            List<Token> sent = Streams.tokens(Streams.outbound(channel));
            for (Token t : sent) {
                assertTrue(t.type() == Tokens.PONG || t.type() == Tokens.ERROR, "the decoder sent " + t);
            }
            Streams.checkClosedOrServing(channel, input, 1, sent);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    /** Inbound references become plain markers: the decoder is fuzzed without a Broker here. */
    static final class MarkerRefs implements InboundReferences {
        record Marker(String kind, long id) {}

        @Override
        public Object myReference(long clid, String interfaceName, String url) {
            return new Marker("my", clid);
        }

        @Override
        public Object yourReference(long clid) {
            return new Marker("your", clid);
        }

        @Override
        public Object theirReference(long giftId, String furl) {
            return new Marker("their", giftId);
        }
    }
}
