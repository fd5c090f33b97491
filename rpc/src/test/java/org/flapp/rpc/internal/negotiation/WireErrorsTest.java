package org.flapp.rpc.internal.negotiation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireErrorsTest {
    private static byte[] drain(ByteBuf buf) {
        byte[] out = ByteBufUtil.getBytes(buf);
        buf.release();
        return out;
    }

    @Test
    void http500LineAsCaptured() {
        assertEquals("HTTP/1.1 500 Internal Server Error: unknown TubID bbbb\r\n\r\n",
                new String(drain(WireErrors.http500(ByteBufAllocator.DEFAULT, "unknown TubID bbbb")), StandardCharsets.UTF_8));
        assertEquals("HTTP/1.1 500 Internal Server Error: a b\r\n\r\n",
                new String(drain(WireErrors.http500(ByteBufAllocator.DEFAULT, "a\nb")), StandardCharsets.UTF_8));
    }

    @Test
    void errorBlockAsCaptured() {
        byte[] block = drain(WireErrors.errorBlock(ByteBufAllocator.DEFAULT, "internal server error, see logs"));
        assertEquals("banana-decision-version: 1\r\nerror: internal server error, see logs\r\n\r\n",
                new String(block, StandardCharsets.US_ASCII));
        assertEquals(70, block.length);
    }

    @Test
    void bananaErrorTokenAsCaptured() {
        byte[] token = drain(WireErrors.bananaError(ByteBufAllocator.DEFAULT, "internal server error, see logs"));
        assertEquals(0x1f, token[0]);
        assertEquals((byte) 0x8d, token[1]);
        assertEquals(33, token.length);
        String hash = "Our hash for vocab-table-index 1 (bb33) does not match your hash (ffff)";
        assertArrayEquals(new byte[] {0x47, (byte) 0x8d},
                java.util.Arrays.copyOf(drain(WireErrors.bananaError(ByteBufAllocator.DEFAULT, hash)), 2));
    }

    @Test
    void longBananaErrorIsTruncatedWithBase128Length() {
        byte[] token = drain(WireErrors.bananaError(ByteBufAllocator.DEFAULT, "x".repeat(5000)));
        // 993 = 0x3e1 -> digits 0x61, 0x07
        assertEquals(0x61, token[0]);
        assertEquals(0x07, token[1]);
        assertEquals((byte) 0x8d, token[2]);
        assertEquals(3 + 993, token.length);
        assertEquals("...", new String(token, token.length - 3, 3, StandardCharsets.US_ASCII));
    }
}
