package org.flapp.rpc.internal.negotiation;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.flapp.rpc.NegotiationException.Reason;

/**
 * First handler on a connection we opened: sends the {@code GET /id/<TubID>} request
 * (FOOLSCAP-WIRE.md 4.1), reads the reply (4.4), and on {@code 101} replaces itself with the TLS
 * handler (client mode) and a {@link TlsNegotiationHandler}. Any other reply fails the attempt
 * with the reply's status line. Not sharable; event loop only.
 */
final class ClientPlaintextHandler extends ChannelInboundHandlerAdapter {
    private enum State { AWAITING_REPLY, FAILED, UPGRADED }

    private final NegotiationAttempt attempt;
    private final BlockBuffer buffer = new BlockBuffer();
    private State state = State.AWAITING_REPLY;

    ClientPlaintextHandler(NegotiationAttempt attempt) {
        this.attempt = attempt;
    }

    /** The exact request bytes: header order and spelling are fixed. */
    static byte[] request(String tubId, String hintHost) {
        return ("GET /id/" + tubId + " HTTP/1.1\r\n"
                + "Host: " + hintHost + "\r\n"
                + "Upgrade: TLS/1.0\r\n"
                + "Connection: Upgrade\r\n"
                + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(request(attempt.expectedTubId(), attempt.hintHost())));
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state != State.AWAITING_REPLY || !(msg instanceof ByteBuf in)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        buffer.add(ctx.alloc(), in);
        try {
            byte[] reply = buffer.nextBlock();
            if (reply != null) {
                checkReply(reply);
                upgrade(ctx);
            }
        } catch (NegotiationFailure failure) {
            state = State.FAILED;
            buffer.release();
            attempt.failed(failure);
            ctx.close();
        }
    }

    /** Accepts a reply whose second word is {@code 101} and which mentions {@code Upgrade: TLS/1.0}. */
    static void checkReply(byte[] reply) throws NegotiationFailure {
        String text = new String(reply, StandardCharsets.UTF_8);
        int eol = text.indexOf("\r\n");
        String firstLine = eol < 0 ? text : text.substring(0, eol);
        String[] words = NegotiationRules.splitWhitespace(firstLine);
        if (words.length < 2 || !words[1].equals("101")) {
            // Foolscap answers our (well-formed) request with a 500 only when it does not host the
            // TubID we asked for; any other status is not a Tub speaking
            Reason reason = words.length >= 2 && words[1].equals("500") ? Reason.WRONG_TUB : Reason.PROTOCOL;
            throw NegotiationFailure.refusedByPeer(reason, HeaderBlock.abbreviate(firstLine.strip(), 500));
        }
        if (!text.contains("Upgrade: TLS/1.0")) {
            throw NegotiationFailure.internal("reply did not contain the TLS upgrade: " + HeaderBlock.abbreviate(text));
        }
    }

    private void upgrade(ChannelHandlerContext ctx) {
        state = State.UPGRADED;
        SslHandler tls = TlsContexts.forIdentity(attempt.host().identity()).newClientHandler();
        ctx.pipeline().addAfter(ctx.name(), Negotiation.TLS_HANDLER, tls);
        ctx.pipeline().addAfter(Negotiation.TLS_HANDLER, Negotiation.NEGOTIATION_HANDLER,
                new TlsNegotiationHandler(attempt, TlsNegotiationHandler::peerCertificateFromTls));
        ByteBuf rest = buffer.takeRemaining(ctx.alloc());
        if (rest.isReadable()) {
            ctx.fireChannelRead(rest); // not expected: the server waits for our ClientHello
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
        attempt.failed(Reason.CONNECTION_LOST, "connection closed by the peer before it answered the request");
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        attempt.failed(Reason.CONNECTION_LOST, "connection error: " + cause, cause);
        ctx.close();
    }
}
