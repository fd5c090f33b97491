package org.flapp.rpc.internal.banana;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class TokenWriterTest {
    private static String hex(VocabTable table, Consumer<TokenWriter> write) {
        ByteBuf buf = Unpooled.buffer();
        write.accept(new TokenWriter(buf, table));
        return ByteBufUtil.hexDump(buf);
    }

    private static String hex(Consumer<TokenWriter> write) {
        return hex(VocabTable.TABLE_1, write);
    }

    @Test
    void usesIntBelowTwoToTheThirtyFirstAndLongIntFromThere() {
        assertEquals("7f7f7f7f0781", hex(w -> w.writeInt((1L << 31) - 1)));
        assertEquals("048580000000", hex(w -> w.writeInt(1L << 31)));
    }

    @Test
    void usesNegDownToMinusTwoToTheThirtyFirstAndLongNegBelow() {
        assertEquals("000000000883", hex(w -> w.writeInt(-(1L << 31))));
        assertEquals("048680000001", hex(w -> w.writeInt(-(1L << 31) - 1)));
        assertEquals("08868000000000000000", hex(w -> w.writeInt(Long.MIN_VALUE)));
    }

    @Test
    void writesBigIntegersInsideTheIntRangeAsInt() {
        assertEquals("0181", hex(w -> w.writeInt(BigInteger.ONE)));
        assertEquals("0885ffffffffffffffff", hex(w -> w.writeInt(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE))));
    }

    @Test
    void replacesEveryVocabWordWithItsIndex() {
        assertEquals("0487", hex(w -> w.writeString("list".getBytes())));
        assertEquals("04826c697374", hex(VocabTable.TABLE_0, w -> w.writeString("list".getBytes())));
        assertEquals("0782646563696d616c", hex(w -> w.writeString("decimal")));
    }

    @Test
    void writesPingAndPongZeroWithoutHeader() {
        assertEquals("8e", hex(w -> w.writePing(BigInteger.ZERO)));
        assertEquals("8f", hex(w -> w.writePong(BigInteger.ZERO)));
        assertEquals("2c028f", hex(w -> w.writePong(BigInteger.valueOf(300))));
    }

    @Test
    void cutsErrorMessagesOverOneThousandBytesToNineHundredNinetyPlusDots() {
        ByteBuf buf = Unpooled.buffer();
        new TokenWriter(buf, VocabTable.TABLE_1).writeError("x".repeat(1001));
        buf.skipBytes(2); // header of 993
        assertEquals(Tokens.ERROR, buf.readUnsignedByte());
        assertEquals("x".repeat(990) + "...", buf.toString(java.nio.charset.StandardCharsets.US_ASCII));
        ByteBuf exact = Unpooled.buffer();
        new TokenWriter(exact, VocabTable.TABLE_1).writeError("y".repeat(1000));
        assertEquals(1003, exact.readableBytes());
    }

    @Test
    void aLongByteStringGoesOutFromItsOwnArrayAndAShortOneIsCopied() {
        byte[] body = new byte[TokenWriter.WRAP_FROM];
        java.util.Arrays.fill(body, (byte) 'a');
        byte[] word = {'x', 'y'};
        String copied = hex(VocabTable.TABLE_1, w -> {
            w.writeOpen(1);
            w.writeString(body);
            w.writeString(word);
            w.writeClose(1);
        });
        TokenWriter writer = new TokenWriter(io.netty.buffer.UnpooledByteBufAllocator.DEFAULT, Unpooled.buffer(), VocabTable.TABLE_1);
        writer.writeOpen(1);
        writer.writeString(body);
        writer.writeString(word);
        writer.writeClose(1);
        ByteBuf whole = writer.finish();
        assertEquals(copied, ByteBufUtil.hexDump(whole), "the same bytes as when copied");
        body[0] = 'b';
        word[0] = 'z';
        String after = ByteBufUtil.hexDump(whole);
        // OPEN (0188), the STRING header (00000482), then the body
        assertEquals("62", after.substring(12, 14), "the long body is read from its array, not a copy");
        assertEquals(copied.substring(14), after.substring(14), "the short string was copied");
        whole.release();
        assertEquals(0, whole.refCnt());
    }

    @Test
    void aWriterWithoutAnAllocatorCopiesEveryString() {
        byte[] body = new byte[TokenWriter.WRAP_FROM];
        ByteBuf buf = Unpooled.buffer();
        TokenWriter writer = new TokenWriter(buf, VocabTable.TABLE_1);
        writer.writeString(body);
        body[0] = 1;
        ByteBuf out = writer.finish();
        assertEquals(buf, out);
        assertEquals(0, out.getByte(4), "copied: the array's later change is not in the buffer");
    }
}
