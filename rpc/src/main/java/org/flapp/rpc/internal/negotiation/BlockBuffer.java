package org.flapp.rpc.internal.negotiation;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.flapp.rpc.TubOptions;

/**
 * Collects received bytes until a {@code \r\n\r\n}-terminated block (the HTTP-like request or
 * reply, a hello, a decision) is complete. Foolscap allows 4096 bytes per block including the
 * terminator: exactly 4096 bytes without a terminator still wait, one more is an error. The
 * limit is checked on every add, so at most one read's worth of bytes beyond the limit is ever
 * held, and bytes that follow a complete block (the next phase's data) are not counted against
 * it. Not thread-safe: owned by one handler on one event loop.
 */
final class BlockBuffer {
    private final int limit;
    private ByteBuf cumulation;

    BlockBuffer() {
        this(TubOptions.MAX_NEGOTIATION_BLOCK);
    }

    BlockBuffer(int limit) {
        this.limit = limit;
    }

    /** Takes ownership of {@code in}. */
    void add(ByteBufAllocator alloc, ByteBuf in) {
        if (cumulation == null) {
            cumulation = in;
        } else {
            cumulation = ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(alloc, cumulation, in);
        }
    }

    /**
     * The next complete block without its terminator, or null when more bytes are needed.
     *
     * @throws NegotiationFailure when more than the limit is buffered without a terminator
     */
    byte[] nextBlock() throws NegotiationFailure {
        if (cumulation == null) {
            return null;
        }
        int start = cumulation.readerIndex();
        int searchable = Math.min(cumulation.readableBytes(), limit);
        int end = indexOfTerminator(cumulation, start, start + searchable);
        if (end < 0) {
            if (cumulation.readableBytes() > limit) {
                throw NegotiationFailure.internal("header block longer than " + limit + " bytes");
            }
            return null;
        }
        byte[] block = new byte[end - start];
        cumulation.readBytes(block);
        cumulation.skipBytes(4);
        return block;
    }

    int bufferedBytes() {
        return cumulation == null ? 0 : cumulation.readableBytes();
    }

    /** Hands over whatever is buffered (possibly an empty buffer); the caller must release it. */
    ByteBuf takeRemaining(ByteBufAllocator alloc) {
        ByteBuf rest = cumulation == null ? alloc.buffer(0) : cumulation;
        cumulation = null;
        return rest;
    }

    void release() {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
    }

    /** Index of the first {@code \r\n\r\n} lying wholly in [from, to), or -1. */
    private static int indexOfTerminator(ByteBuf buf, int from, int to) {
        for (int i = from; i + 3 < to; i++) {
            if (buf.getByte(i) == '\r' && buf.getByte(i + 1) == '\n'
                    && buf.getByte(i + 2) == '\r' && buf.getByte(i + 3) == '\n') {
                return i;
            }
        }
        return -1;
    }
}
