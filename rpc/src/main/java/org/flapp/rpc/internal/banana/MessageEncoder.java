package org.flapp.rpc.internal.banana;

import org.flapp.rpc.internal.message.AnswerSlicer;
import org.flapp.rpc.internal.message.CallSlicer;
import org.flapp.rpc.internal.message.ErrorSlicer;
import org.flapp.rpc.internal.reference.OutboundReferences;
import org.flapp.rpc.internal.slicer.ValueEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.flapp.rpc.ViolationException;

/**
 * Serializes outbound PB messages of one connection into Banana bytes. Keeps the connection's
 * open-ID counter (every OPEN we send counts, from 0, never reset). Each method encodes one whole
 * top-level message into a new buffer that the caller writes and releases.
 *
 * <p>If a value cannot be serialized the method throws {@link ViolationException}
 * ({@code cannot serialize <type>}), releases the buffer and leaves the open-ID counter as it was:
 * nothing reaches the wire, so unlike Python no ABORT is needed.
 *
 * <pre>{@code
 * MessageEncoder enc = new MessageEncoder(VocabTable.TABLE_1, refs);
 * ctx.writeAndFlush(enc.encodeCall(ctx.alloc(), 1, 0, "getReferenceByName", List.of(), Map.of("name", swiss)));
 * }</pre>
 *
 * Not thread-safe: use it only on the connection's event loop.
 */
public final class MessageEncoder {
    private final VocabTable table;
    private final OutboundReferences references;
    private long nextOpenId;

    public MessageEncoder(VocabTable table, OutboundReferences references) {
        this.table = Objects.requireNonNull(table, "table");
        this.references = Objects.requireNonNull(references, "references");
    }

    /** {@code call}: keyword arguments go out sorted by name (code point order). */
    public ByteBuf encodeCall(ByteBufAllocator alloc, long reqId, long targetClid, String method,
                              List<?> args, Map<String, ?> kwargs) {
        return encode(alloc, sizeHint(args), enc -> CallSlicer.write(enc, reqId, targetClid, method, args, kwargs));
    }

    public ByteBuf encodeAnswer(ByteBufAllocator alloc, long reqId, Object value) {
        return encode(alloc, sizeHint(value), enc -> AnswerSlicer.write(enc, reqId, value));
    }

    /**
     * {@code error}: a {@link org.flapp.rpc.RemoteException} goes with its own four fields, a
     * {@link ViolationException} as {@code foolscap.tokens.Violation}, anything else as its Java
     * class name, message, class hierarchy and stack trace; Foolscap's size caps applied.
     */
    public ByteBuf encodeError(ByteBufAllocator alloc, long reqId, Throwable failure) {
        return encode(alloc, 1024, enc -> ErrorSlicer.write(enc, reqId, failure));
    }

    /** A standalone value (not a PB message), numbered from the same counter; for tests and tools. */
    public ByteBuf encodeValue(ByteBufAllocator alloc, Object value) {
        return encode(alloc, sizeHint(value), enc -> enc.write(value));
    }

    /** The open-ID the next OPEN will carry. */
    public long nextOpenId() {
        return nextOpenId;
    }

    /**
     * A first buffer size: byte strings at the top would otherwise make the buffer grow, and copy,
     * several times. Those the writer wraps (an upload block is 1 MiB) take no room in it.
     */
    private static int sizeHint(Object value) {
        long hint = 64;
        if (value instanceof byte[] bytes) {
            hint += copied(bytes);
        } else if (value instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof byte[] bytes) {
                    hint += copied(bytes);
                }
            }
        }
        return (int) Math.min(hint, 16L << 20);
    }

    private static int copied(byte[] bytes) {
        return bytes.length < TokenWriter.WRAP_FROM ? bytes.length + 16 : 16;
    }

    private ByteBuf encode(ByteBufAllocator alloc, int sizeHint, Consumer<ValueEncoder> body) {
        TokenWriter writer = new TokenWriter(alloc, alloc.buffer(sizeHint), table);
        try {
            ValueEncoder enc = new ValueEncoder(writer, references, nextOpenId);
            body.accept(enc);
            nextOpenId = enc.nextOpenId();
            return writer.finish();
        } catch (StackOverflowError e) {
            writer.finish().release();
            throw new ViolationException("cannot serialize: value nested too deeply");
        } catch (RuntimeException | Error e) {
            writer.finish().release();
            throw e;
        }
    }
}
