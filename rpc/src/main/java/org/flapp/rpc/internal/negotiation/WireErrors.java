package org.flapp.rpc.internal.negotiation;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The three shapes a refusal takes on the wire, chosen by what the peer expects to read next
 * (docs/protocol.md, "Negotiation errors"): a {@code 500} status line while it waits for the plaintext
 * reply, an error block while it waits for a hello or decision, and a Banana {@code ERROR} token
 * once it expects Banana. Stateless.
 */
final class WireErrors {
    /** Banana's ERROR token type byte. */
    private static final int ERROR_TYPE = 0x8d;
    /** Foolscap truncates longer ERROR texts to 990 characters plus "...". */
    private static final int BANANA_ERROR_LIMIT = 1000;

    private WireErrors() {}

    static ByteBuf http500(ByteBufAllocator alloc, String message) {
        String line = "HTTP/1.1 500 Internal Server Error: " + oneLine(message) + "\r\n\r\n";
        return alloc.buffer().writeBytes(line.getBytes(StandardCharsets.UTF_8));
    }

    static ByteBuf errorBlock(ByteBufAllocator alloc, String message) {
        byte[] block = HeaderBlock.of(Map.of("banana-decision-version", "1",
                "error", oneLine(message))).encode();
        return alloc.buffer(block.length).writeBytes(block);
    }

    static ByteBuf bananaError(ByteBufAllocator alloc, String message) {
        byte[] text = oneLine(message).getBytes(StandardCharsets.UTF_8);
        if (text.length > BANANA_ERROR_LIMIT) {
            byte[] cut = new byte[BANANA_ERROR_LIMIT - 7];
            System.arraycopy(text, 0, cut, 0, BANANA_ERROR_LIMIT - 10);
            cut[BANANA_ERROR_LIMIT - 10] = cut[BANANA_ERROR_LIMIT - 9] = cut[BANANA_ERROR_LIMIT - 8] = '.';
            text = cut;
        }
        ByteBuf out = alloc.buffer(text.length + 6);
        long length = text.length;
        do { // base-128 header, least significant digit first, high bits clear
            out.writeByte((int) (length & 0x7f));
            length >>>= 7;
        } while (length > 0);
        out.writeByte(ERROR_TYPE);
        out.writeBytes(text);
        return out;
    }

    private static String oneLine(String message) {
        return message.replace('\n', ' ').replace('\r', ' ');
    }
}
