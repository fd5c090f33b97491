package org.flapp.rpc.internal.banana;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenReaderTest {
    private static final TokenReader.Gate ADMIT_ALL = (type, header, body, wire) -> true;

    private static List<Token> readAll(byte[] bytes, int fragment, TokenReader.Gate gate) {
        TokenReader reader = new TokenReader();
        ByteBuf buf = Unpooled.buffer();
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += fragment) {
            buf.writeBytes(bytes, i, Math.min(fragment, bytes.length - i));
            Token t;
            while ((t = reader.read(buf, gate)) != null) {
                tokens.add(t);
            }
            buf.discardReadBytes();
        }
        assertEquals(0, buf.readableBytes(), "all input consumed");
        return tokens;
    }

    @Test
    void readsEveryKindOfTokenAtEveryFragmentSize() {
        byte[] bytes = Wire.of().integer(0).integer(128).integer(-5).str("hello").vocab(4).open(3).close(3)
                .flt(1.5).longInt(BigInteger.ONE.shiftLeft(40)).ping(0).pong(300).abort(2).bytes();
        for (int fragment = 1; fragment <= bytes.length; fragment++) {
            List<Token> t = readAll(bytes, fragment, ADMIT_ALL);
            assertEquals(12, t.size());
            assertEquals(Tokens.INT, t.get(0).type());
            assertEquals(0, t.get(0).header());
            assertEquals(128, t.get(1).header());
            assertEquals(Tokens.NEG, t.get(2).type());
            assertEquals(5, t.get(2).header());
            assertArrayEquals("hello".getBytes(), t.get(3).body());
            assertEquals(Tokens.VOCAB, t.get(4).type());
            assertEquals(3, t.get(6).header());
            assertEquals(8, t.get(7).body().length);
            assertEquals(6, t.get(8).body().length);
            assertEquals(Tokens.PING, t.get(9).type());
            assertEquals(300, t.get(10).header());
            assertEquals(Tokens.ABORT, t.get(11).type());
        }
    }

    @Test
    void keepsHeadersLargerThanALongAsBigIntegers() {
        BigInteger huge = BigInteger.ONE.shiftLeft(100).add(BigInteger.valueOf(7));
        ByteBuf buf = Unpooled.buffer();
        Base128.write(buf, huge);
        buf.writeByte(Tokens.INT);
        Token t = new TokenReader().read(buf, ADMIT_ALL);
        assertEquals(-1, t.header());
        assertEquals(huge, t.headerValue());
    }

    @Test
    void detectsLongOverflowAtTheSixtyFourthBit() {
        ByteBuf max = Unpooled.buffer();
        Base128.write(max, Long.MAX_VALUE);
        assertEquals(Long.MAX_VALUE, Base128.readLong(max, 0, max.readableBytes()));
        ByteBuf over = Unpooled.buffer();
        Base128.write(over, BigInteger.ONE.shiftLeft(63));
        assertEquals(-1, Base128.readLong(over, 0, over.readableBytes()));
    }

    @Test
    void acceptsAHeaderOfExactlySixtyFourBytes() {
        byte[] bytes = new byte[65];
        bytes[64] = (byte) Tokens.INT;
        Token t = new TokenReader().read(Unpooled.wrappedBuffer(bytes), ADMIT_ALL);
        assertEquals(BigInteger.ZERO, t.headerValue());
    }

    @Test
    void rejectsAHeaderOfSixtyFiveBytesWithoutWaitingForTheTypeByte() {
        ByteBuf buf = Unpooled.wrappedBuffer(new byte[65]);
        BananaProtocolException e = assertThrows(BananaProtocolException.class,
                () -> new TokenReader().read(buf, ADMIT_ALL));
        assertTrue(e.getMessage().contains("64 bytes"));
    }

    @Test
    void waitsForAHeaderOfSixtyFourBytesWithoutTypeByte() {
        assertNull(new TokenReader().read(Unpooled.wrappedBuffer(new byte[64]), ADMIT_ALL));
    }

    @Test
    void rejectsInvalidTypeBytesAndTheObsoleteList() {
        for (int type : new int[] {0x8b, 0x8c, 0x90, 0xff}) {
            BananaProtocolException e = assertThrows(BananaProtocolException.class,
                    () -> new TokenReader().read(Unpooled.wrappedBuffer(new byte[] {0, (byte) type}), ADMIT_ALL));
            assertEquals(String.format("Invalid Type Byte 0x%x", type), e.getMessage());
        }
        BananaProtocolException e = assertThrows(BananaProtocolException.class,
                () -> new TokenReader().read(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80}), ADMIT_ALL));
        assertTrue(e.getMessage().startsWith("oldbanana peer detected"));
    }

    @Test
    void acceptsAnErrorTokenOfOneThousandBytesButNotOneMore() {
        String ok = "e".repeat(1000);
        List<Token> t = readAll(Wire.of().error(ok).bytes(), 1000, ADMIT_ALL);
        assertEquals(1000, t.get(0).body().length);
        BananaProtocolException e = assertThrows(BananaProtocolException.class,
                () -> readAll(Wire.of().header(1001, Tokens.ERROR).bytes(), 3, ADMIT_ALL));
        assertEquals("oversized ERROR token", e.getMessage());
    }

    @Test
    void skipsTheBodyOfARefusedTokenWithoutBufferingIt() {
        // declares 2^40 bytes; refused, so the reader only skips what arrives
        TokenReader reader = new TokenReader();
        ByteBuf buf = Unpooled.buffer();
        Base128.write(buf, 1L << 40);
        buf.writeByte(Tokens.STRING);
        buf.writeBytes(new byte[1000]);
        long[] seen = new long[1];
        assertNull(reader.read(buf, (type, header, body, wire) -> {
            seen[0] = body;
            return false;
        }));
        assertEquals(1L << 40, seen[0]);
        assertEquals(0, buf.readableBytes(), "the partial body was dropped, not kept");
    }

    @Test
    void takesALargeBodyOutOfTheInboundBufferAsItArrives() {
        // 300 KiB + 7: the body array grows past its first 64 KiB while pieces of 10,000 arrive
        byte[] body = new byte[300 * 1024 + 7];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31 + i / 251);
        }
        TokenReader reader = new TokenReader();
        ByteBuf buf = Unpooled.buffer();
        Base128.write(buf, body.length);
        buf.writeByte(Tokens.STRING);
        Token token = null;
        for (int i = 0; i < body.length; i += 10_000) {
            buf.writeBytes(body, i, Math.min(10_000, body.length - i));
            token = reader.read(buf, ADMIT_ALL);
            assertEquals(0, buf.readableBytes(), "every body byte that arrived was taken out");
            if (i + 10_000 < body.length) {
                assertNull(token);
            }
        }
        assertArrayEquals(body, token.body());
        buf.writeBytes(Wire.of().integer(9).bytes());
        assertEquals(9, reader.read(buf, ADMIT_ALL).header(), "the next token follows");
    }

    @Test
    void deliversASkippedTokenOnceItsBodyHasPassed() {
        byte[] bytes = Wire.of().str("refused").integer(7).bytes();
        List<Token> t = readAll(bytes, 2, (type, header, body, wire) -> type != Tokens.STRING);
        assertTrue(t.get(0).skipped());
        assertNull(t.get(0).body());
        assertEquals(7, t.get(1).header());
    }

    @Test
    void tellsTheGateTheWireLengthOfEachToken() {
        List<Long> wires = new ArrayList<>();
        readAll(Wire.of().str("abc").integer(300).flt(0).bytes(), 1, (type, header, body, wire) -> wires.add(wire));
        assertEquals(List.of(5L, 3L, 9L), wires);
    }

    @Test
    void neverAsksTheGateAboutPingPongOrError() {
        List<Token> t = readAll(Wire.of().ping(5).pong(6).error("bye").bytes(), 1, (type, header, body, wire) -> {
            throw new AssertionError("gate consulted for " + Tokens.name(type));
        });
        assertEquals(3, t.size());
    }
}
