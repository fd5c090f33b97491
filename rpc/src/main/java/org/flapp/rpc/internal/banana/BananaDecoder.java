package org.flapp.rpc.internal.banana;

import org.flapp.rpc.internal.message.RootUnslicer;
import org.flapp.rpc.internal.reference.InboundReferences;
import org.flapp.rpc.internal.slicer.Repr;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound Banana codec of one PB connection: bytes in, {@link PbMessage}s out
 * ({@link CallMessage}, {@link AnswerMessage}, {@link ErrorMessage}, {@link RejectedCall}).
 * A {@link TokenReader} splits tokens (limits checked before a body is buffered), an
 * {@link UnslicerStack} assembles them.
 *
 * <ul>
 * <li>PING → PONG with the same number, written at once; PONG ignored; both allowed anywhere.
 * <li>ERROR received → logged, connection closed.
 * <li>Fatal errors (non-OPEN at top level, CLOSE mismatch, bad type byte, header over 64 bytes,
 *     oversized ERROR, unknown VOCAB index, bad UTF-8, duplicate dict key, …): an ERROR token
 *     worded as Foolscap words it ({@code BananaError(in <where>): ('why',)}) is written, then the
 *     connection is closed and further input ignored. Other unexpected exceptions send Foolscap's
 *     generic text.
 * <li>Violations and ABORT: see {@link UnslicerStack}.
 * </ul>
 *
 * <p>Not sharable: one instance per channel. The {@link InboundReferences} hooks run on the
 * channel's event loop.
 */
public final class BananaDecoder extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(BananaDecoder.class);
    static final String GENERIC_ERROR = "exception while processing data, more information in the logfiles";

    /** A standalone value from {@link #forValues}: a holder, because null cannot travel a pipeline. */
    public record DecodedValue(Object value) {}

    private final TokenReader reader = new TokenReader();
    private final UnslicerStack stack;
    private final VocabTable table;
    private boolean failed;

    public BananaDecoder(CodecLimits limits, VocabTable table, InboundReferences refs) {
        this(RootUnslicer::pb, limits, table, refs);
    }

    private BananaDecoder(Function<Consumer<Object>, RootUnslicer> root, CodecLimits limits, VocabTable table,
                          InboundReferences refs) {
        this.table = table;
        this.stack = new UnslicerStack(root, limits, table, refs);
    }

    /** A decoder of standalone values (any value at top level), emitting {@link DecodedValue}s. */
    public static BananaDecoder forValues(CodecLimits limits, VocabTable table, InboundReferences refs) {
        return new BananaDecoder(sink -> RootUnslicer.values(v -> sink.accept(new DecodedValue(v))),
                limits, table, refs);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            Token token;
            while ((token = reader.read(in, stack)) != null) {
                switch (token.type()) {
                    case Tokens.PING -> ctx.writeAndFlush(pong(ctx, token));
                    case Tokens.PONG -> { }
                    case Tokens.ERROR -> {
                        // the peer's text, quoted and escaped: it must not be able to forge log lines
                        log.warn("peer sent a Banana ERROR: {}", Repr.str(new String(token.body(), StandardCharsets.UTF_8)));
                        failed = true;
                        in.skipBytes(in.readableBytes());
                        ctx.close();
                        return;
                    }
                    default -> stack.handle(token);
                }
                drain(out);
            }
            drain(out);
        } catch (BananaProtocolException e) {
            drain(out);
            String where = stack.describeWhere();
            log.debug("Banana protocol error in {}", where, e);
            fail(ctx, in, "BananaError(in " + where + "): (" + Repr.str(e.getMessage()) + ",)");
        } catch (RuntimeException e) {
            drain(out);
            log.warn("exception while decoding Banana", e);
            fail(ctx, in, GENERIC_ERROR);
        }
    }

    private void drain(List<Object> out) {
        Object item;
        while ((item = stack.poll()) != null) {
            out.add(item);
        }
    }

    private ByteBuf pong(ChannelHandlerContext ctx, Token ping) {
        ByteBuf buf = ctx.alloc().buffer(12);
        new TokenWriter(buf, table).writePong(ping.headerValue());
        return buf;
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, String message) {
        failed = true;
        in.skipBytes(in.readableBytes());
        ByteBuf buf = ctx.alloc().buffer();
        new TokenWriter(buf, table).writeError(message);
        ctx.writeAndFlush(buf).addListener(ChannelFutureListener.CLOSE);
    }
}
