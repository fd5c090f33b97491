package org.flapp.rpc.internal.negotiation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BlockBufferTest {
    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    @Test
    void findsBlockSplitAtEveryFragmentSize() throws Exception {
        String input = "a: 1\r\nb: 2\r\n\r\nrest";
        for (int size = 1; size <= input.length(); size++) {
            BlockBuffer buffer = new BlockBuffer();
            byte[] block = null;
            for (int i = 0; i < input.length(); i += size) {
                buffer.add(alloc, bytes(input.substring(i, Math.min(input.length(), i + size))));
                if (block == null) {
                    block = buffer.nextBlock();
                }
            }
            assertEquals("a: 1\r\nb: 2", new String(block, StandardCharsets.ISO_8859_1), "fragment size " + size);
            ByteBuf rest = buffer.takeRemaining(alloc);
            assertEquals("rest", rest.toString(StandardCharsets.ISO_8859_1));
            rest.release();
        }
    }

    @Test
    void exactly4096BytesWithoutTerminatorStillWait() throws Exception {
        BlockBuffer buffer = new BlockBuffer();
        buffer.add(alloc, bytes("G".repeat(4096)));
        assertNull(buffer.nextBlock());
        buffer.add(alloc, bytes("G"));
        NegotiationFailure failure = assertThrows(NegotiationFailure.class, buffer::nextBlock);
        assertEquals(NegotiationFailure.INTERNAL_ERROR_TEXT, failure.messageForPeer());
        buffer.release();
    }

    @Test
    void blockEndingExactlyAtLimitIsAcceptedAndOneLongerIsRefused() throws Exception {
        BlockBuffer ok = new BlockBuffer();
        ok.add(alloc, bytes("x".repeat(4092) + "\r\n\r\n" + "tail after the block does not count"));
        assertEquals(4092, ok.nextBlock().length);
        ok.release();

        BlockBuffer tooLong = new BlockBuffer();
        tooLong.add(alloc, bytes("x".repeat(4093) + "\r\n\r\n"));
        assertThrows(NegotiationFailure.class, tooLong::nextBlock);
        tooLong.release();
    }

    @Test
    void returnsSeveralBlocksInOrder() throws Exception {
        BlockBuffer buffer = new BlockBuffer();
        buffer.add(alloc, bytes("one: 1\r\n\r\ntwo: 2\r\n\r\n"));
        assertArrayEquals("one: 1".getBytes(StandardCharsets.US_ASCII), buffer.nextBlock());
        assertArrayEquals("two: 2".getBytes(StandardCharsets.US_ASCII), buffer.nextBlock());
        assertNull(buffer.nextBlock());
        buffer.release();
    }

    @Test
    void emptyBlockIsReturnedAsEmpty() throws Exception {
        BlockBuffer buffer = new BlockBuffer();
        buffer.add(alloc, bytes("\r\n\r\n"));
        assertEquals(0, buffer.nextBlock().length);
        byte[] big = new byte[10000];
        Arrays.fill(big, (byte) 'z');
        buffer.add(alloc, Unpooled.wrappedBuffer(big));
        assertThrows(NegotiationFailure.class, buffer::nextBlock);
        buffer.release();
    }
}
