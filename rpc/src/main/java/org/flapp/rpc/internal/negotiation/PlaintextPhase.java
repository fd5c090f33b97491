package org.flapp.rpc.internal.negotiation;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Function;
import org.flapp.rpc.NegotiationException.Reason;

/**
 * What both ends of the plaintext phase do alike: collect one header block (the request on the
 * accepting side, the reply on the connecting side), hand it to the role, and on success put the
 * TLS handler and a {@link TlsNegotiationHandler} in their place and pass on any bytes that
 * followed the block. Bytes after the block was handled (or refused) are dropped. Not sharable;
 * event loop only.
 */
abstract class PlaintextPhase extends ChannelInboundHandlerAdapter {
    final NegotiationAttempt attempt;
    private final Function<TlsContexts, SslHandler> tlsHandler;
    private final String closedDuringPhase;
    private final BlockBuffer buffer = new BlockBuffer();
    private boolean reading = true;

    /**
     * @param tlsHandler this role's TLS handler
     * @param closedDuringPhase the attempt's failure when the peer closes during this phase
     */
    PlaintextPhase(NegotiationAttempt attempt, Function<TlsContexts, SslHandler> tlsHandler,
            String closedDuringPhase) {
        this.attempt = attempt;
        this.tlsHandler = tlsHandler;
        this.closedDuringPhase = closedDuringPhase;
    }

    /** The complete block arrived: check it and {@link #upgrade}, or throw. */
    abstract void onBlock(ChannelHandlerContext ctx, byte[] block) throws NegotiationFailure;

    /** The block was refused (or too long): tell the attempt and close, as this role does. */
    abstract void onFailure(ChannelHandlerContext ctx, NegotiationFailure failure);

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!reading || !(msg instanceof ByteBuf in)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        buffer.add(ctx.alloc(), in);
        try {
            byte[] block = buffer.nextBlock();
            if (block != null) {
                reading = false;
                onBlock(ctx, block);
            }
        } catch (NegotiationFailure failure) {
            reading = false;
            buffer.release();
            onFailure(ctx, failure);
        }
    }

    /** Replaces this handler with the TLS phase; the bytes buffered after the block go to TLS. */
    final void upgrade(ChannelHandlerContext ctx) {
        SslHandler tls = tlsHandler.apply(TlsContexts.forIdentity(attempt.host().identity()));
        ctx.pipeline().addAfter(ctx.name(), Negotiation.TLS_HANDLER, tls);
        ctx.pipeline().addAfter(Negotiation.TLS_HANDLER, Negotiation.NEGOTIATION_HANDLER,
                new TlsNegotiationHandler(attempt, TlsNegotiationHandler::peerCertificateFromTls));
        ByteBuf rest = buffer.takeRemaining(ctx.alloc());
        if (rest.isReadable()) {
            ctx.fireChannelRead(rest); // e.g. an eager TLS ClientHello, for the TLS handler
        } else {
            rest.release();
        }
        ctx.pipeline().remove(this);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        buffer.release();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        attempt.failed(Reason.CONNECTION_LOST, closedDuringPhase);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        attempt.failed(Reason.CONNECTION_LOST, "connection error: " + cause, cause);
        ctx.close();
    }
}
