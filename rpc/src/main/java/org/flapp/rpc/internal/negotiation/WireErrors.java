package org.flapp.rpc.internal.negotiation;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.flapp.rpc.internal.banana.TokenWriter;
import org.flapp.rpc.internal.banana.VocabTable;

/**
 * The three shapes a refusal takes on the wire, chosen by what the peer expects to read next
 * (docs/protocol.md, "Negotiation errors"): a {@code 500} status line while it waits for the plaintext
 * reply, an error block while it waits for a hello or decision, and a Banana {@code ERROR} token
 * (cut as {@link TokenWriter#writeError} cuts it) once it expects Banana. Stateless.
 */
final class WireErrors {
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
        ByteBuf out = alloc.buffer();
        // no vocabulary has been agreed yet (and an ERROR body is never abbreviated anyway)
        new TokenWriter(out, VocabTable.TABLE_0).writeError(oneLine(message));
        return out;
    }

    private static String oneLine(String message) {
        return message.replace('\n', ' ').replace('\r', ' ');
    }
}
